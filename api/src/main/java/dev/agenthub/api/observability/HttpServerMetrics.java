package dev.agenthub.api.observability;

import static java.util.Objects.requireNonNull;

import dev.agenthub.telemetry.MetricNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.monitoring.ApplicationEvent;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEventListener;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * Times every API request into {@code http_server_requests_seconds{method,route,status}}. The route
 * is the matched resource template ({@code /api/v1/runs/{workflowId}}), never the request path, so
 * ids and query strings do not become labels; a request no resource matched has route {@value
 * #UNMATCHED}.
 */
public final class HttpServerMetrics implements ApplicationEventListener {

  static final String UNMATCHED = "unmatched";

  private final MeterRegistry registry;

  public HttpServerMetrics(MeterRegistry registry) {
    this.registry = requireNonNull(registry, "registry");
  }

  @Override
  public void onEvent(ApplicationEvent event) {}

  @Override
  public RequestEventListener onRequest(RequestEvent requestEvent) {
    long started = System.nanoTime();
    return event -> {
      if (event.getType() == RequestEvent.Type.FINISHED) {
        record(event, System.nanoTime() - started);
      }
    };
  }

  private void record(RequestEvent event, long nanos) {
    ContainerResponse response = event.getContainerResponse();
    int status = response == null ? 500 : response.getStatus();
    Timer.builder(MetricNames.HTTP_SERVER_REQUESTS)
        .description("API requests by method, route template and status")
        .tags(
            "method",
            event.getContainerRequest().getMethod(),
            "route",
            route(event.getUriInfo()),
            "status",
            Integer.toString(status))
        .register(registry)
        .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  /** The matched templates, outermost first, joined: {@code /api/v1/runs/{workflowId}}. */
  static String route(ExtendedUriInfo uriInfo) {
    List<UriTemplate> templates = uriInfo == null ? List.of() : uriInfo.getMatchedTemplates();
    if (templates.isEmpty()) {
      return UNMATCHED;
    }
    StringBuilder route = new StringBuilder();
    for (int i = templates.size() - 1; i >= 0; i--) {
      String template = templates.get(i).getTemplate();
      if (template.isEmpty() || "/".equals(template)) {
        continue;
      }
      if (route.length() > 0
          && route.charAt(route.length() - 1) == '/'
          && template.startsWith("/")) {
        template = template.substring(1);
      } else if (!template.startsWith("/")
          && (route.length() == 0 || route.charAt(route.length() - 1) != '/')) {
        route.append('/');
      }
      route.append(template);
    }
    return route.length() == 0 ? "/" : route.toString();
  }
}
