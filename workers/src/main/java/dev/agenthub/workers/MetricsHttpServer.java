package dev.agenthub.workers;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.agenthub.shared.telemetry.Metrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker process's {@code GET /metrics}: Prometheus text, or OpenMetrics when the {@code
 * Accept} header asks for {@code application/openmetrics-text}. One thread; scrapes are rare.
 */
public final class MetricsHttpServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MetricsHttpServer.class);

  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsHttpServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Serves {@code registry} on {@code port} (0 picks a free one) on all interfaces. */
  public static MetricsHttpServer start(int port, PrometheusMeterRegistry registry)
      throws IOException {
    requireNonNull(registry, "registry");
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/metrics", exchange -> serve(exchange, registry));
    ExecutorService executor =
        Executors.newSingleThreadExecutor(r -> new Thread(r, "agenthub-metrics-http"));
    server.setExecutor(executor);
    server.start();
    log.info("metrics at http://{}:{}/metrics", "0.0.0.0", server.getAddress().getPort());
    return new MetricsHttpServer(server, executor);
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  private static void serve(HttpExchange exchange, PrometheusMeterRegistry registry)
      throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod()) || !"/metrics".equals(path(exchange))) {
        exchange.sendResponseHeaders("GET".equals(exchange.getRequestMethod()) ? 404 : 405, -1);
        return;
      }
      Metrics.Scrape scrape =
          Metrics.scrape(registry, exchange.getRequestHeaders().getFirst("Accept"));
      byte[] body = scrape.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", scrape.contentType());
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static String path(HttpExchange exchange) {
    return exchange.getRequestURI().getPath();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
