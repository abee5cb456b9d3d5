package dev.agenthub.api.observability;

import static java.util.Objects.requireNonNull;

import dev.agenthub.telemetry.Metrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics} on the admin port: Prometheus text, or OpenMetrics when the {@code Accept}
 * header asks for {@code application/openmetrics-text}.
 */
public final class MetricsServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private final transient PrometheusMeterRegistry registry;

  public MetricsServlet(PrometheusMeterRegistry registry) {
    this.registry = requireNonNull(registry, "registry");
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Metrics.Scrape scrape = Metrics.scrape(registry, request.getHeader("Accept"));
    byte[] body = scrape.body().getBytes(StandardCharsets.UTF_8);
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(scrape.contentType());
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
