package dev.agenthub.api.observability;

import static java.util.Objects.requireNonNull;

import io.dropwizard.core.setup.Environment;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRoute;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanNameExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanStatusExtractor;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import org.slf4j.MDC;

/**
 * Inbound HTTP as OpenTelemetry server spans (HTTP semantic conventions): a servlet filter starts
 * the span (continuing a {@code traceparent} sent by the caller) and keeps it current while Jersey
 * runs the resource, so Temporal's {@code StartWorkflow} span becomes its child; {@link
 * RouteTemplateFilter} names it after the matched route template ({@code POST
 * /api/v1/pipelines/{name}/runs}). Every response carries the trace in a {@code traceresponse}
 * header (W3C Trace Context Level 2) and the trace id in {@code X-Trace-Id}.
 */
public final class HttpServerTracing implements Filter {

  static final String INSTRUMENTATION_SCOPE = "dev.agenthub.api";
  public static final String TRACE_RESPONSE = "traceresponse";
  public static final String TRACE_ID_HEADER = "X-Trace-Id";

  private final Instrumenter<HttpServletRequest, HttpServletResponse> instrumenter;

  HttpServerTracing(OpenTelemetry openTelemetry) {
    requireNonNull(openTelemetry, "openTelemetry");
    ServletAttributes attributes = new ServletAttributes();
    this.instrumenter =
        Instrumenter.<HttpServletRequest, HttpServletResponse>builder(
                openTelemetry, INSTRUMENTATION_SCOPE, HttpSpanNameExtractor.create(attributes))
            .setSpanStatusExtractor(HttpSpanStatusExtractor.create(attributes))
            .addAttributesExtractor(HttpServerAttributesExtractor.create(attributes))
            .addContextCustomizer(HttpServerRoute.create(attributes))
            .buildServerInstrumenter(ServletAttributes.HEADERS);
  }

  /** Traces every request to the API's servlets and names spans after Jersey's routes. */
  public static void register(Environment environment, OpenTelemetry openTelemetry) {
    environment
        .servlets()
        .addFilter("tracing", new HttpServerTracing(openTelemetry))
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    environment.jersey().register(new RouteTemplateFilter());
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (!(req instanceof HttpServletRequest request)
        || !(res instanceof HttpServletResponse response)) {
      chain.doFilter(req, res);
      return;
    }
    Context parent = Context.current();
    if (!instrumenter.shouldStart(parent, request)) {
      chain.doFilter(req, res);
      return;
    }
    Context context = instrumenter.start(parent, request);
    SpanContext span = io.opentelemetry.api.trace.Span.fromContext(context).getSpanContext();
    // Headers go out before the body: set them now, not after the resource ran.
    response.setHeader(
        TRACE_RESPONSE,
        "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex());
    response.setHeader(TRACE_ID_HEADER, span.getTraceId());
    Throwable error = null;
    try (Scope scope = context.makeCurrent();
        MDC.MDCCloseable traceId = MDC.putCloseable("trace_id", span.getTraceId());
        MDC.MDCCloseable spanId = MDC.putCloseable("span_id", span.getSpanId())) {
      chain.doFilter(request, response);
    } catch (IOException | ServletException | RuntimeException | Error e) {
      error = e;
      throw e;
    } finally {
      instrumenter.end(context, request, response, error);
    }
  }
}
