package dev.agenthub.worker;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.agenthub.telemetry.Metrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker process's admin port, on the JDK's HTTP server (the worker carries no servlet
 * container): {@code GET /metrics} in Prometheus text, or OpenMetrics when the {@code Accept}
 * header asks for {@code application/openmetrics-text}; {@code GET /healthcheck} with Dropwizard's
 * JSON shape, 200 when every check is healthy, else 500. One thread; scrapes and probes are rare.
 */
public final class AdminServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;

  private AdminServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Serves {@code registry} and {@code healthChecks} on {@code port} (0 picks a free one). */
  public static AdminServer start(
      int port, PrometheusMeterRegistry registry, HealthCheckRegistry healthChecks)
      throws IOException {
    requireNonNull(registry, "registry");
    requireNonNull(healthChecks, "healthChecks");
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/metrics", exchange -> serveMetrics(exchange, registry));
    server.createContext("/healthcheck", exchange -> serveHealth(exchange, healthChecks));
    ExecutorService executor =
        Executors.newSingleThreadExecutor(r -> new Thread(r, "agenthub-worker-admin"));
    server.setExecutor(executor);
    server.start();
    log.info("admin at http://0.0.0.0:{}/metrics and /healthcheck", server.getAddress().getPort());
    return new AdminServer(server, executor);
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  private static void serveMetrics(HttpExchange exchange, PrometheusMeterRegistry registry)
      throws IOException {
    try (exchange) {
      if (refused(exchange, "/metrics")) {
        return;
      }
      Metrics.Scrape scrape =
          Metrics.scrape(registry, exchange.getRequestHeaders().getFirst("Accept"));
      send(exchange, 200, scrape.contentType(), scrape.body());
    }
  }

  private static void serveHealth(HttpExchange exchange, HealthCheckRegistry healthChecks)
      throws IOException {
    try (exchange) {
      if (refused(exchange, "/healthcheck")) {
        return;
      }
      SortedMap<String, HealthCheck.Result> results = healthChecks.runHealthChecks();
      ObjectNode body = JSON.createObjectNode();
      boolean healthy = true;
      for (Map.Entry<String, HealthCheck.Result> result : results.entrySet()) {
        ObjectNode entry = body.putObject(result.getKey());
        entry.put("healthy", result.getValue().isHealthy());
        if (result.getValue().getMessage() != null) {
          entry.put("message", result.getValue().getMessage());
        }
        healthy &= result.getValue().isHealthy();
      }
      send(exchange, healthy ? 200 : 500, "application/json", JSON.writeValueAsString(body));
    }
  }

  private static boolean refused(HttpExchange exchange, String path) throws IOException {
    boolean get = "GET".equals(exchange.getRequestMethod());
    if (get && path.equals(exchange.getRequestURI().getPath())) {
      return false;
    }
    exchange.sendResponseHeaders(get ? 404 : 405, -1);
    return true;
  }

  private static void send(HttpExchange exchange, int status, String contentType, String text)
      throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
