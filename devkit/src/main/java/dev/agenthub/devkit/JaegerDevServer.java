package dev.agenthub.devkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jaeger v2 as a child process of {@code dev --traces} (the binary {@code
 * scripts/install-jaeger.sh} builds, run with {@code observability/jaeger/config.yaml}): OTLP in on
 * localhost 4317/4318, traces in memory, the query API on localhost 16686. The Go module carries no
 * UI assets, so a run's trace is read through the query API ({@link #TRACE_URL_TEMPLATE}).
 */
final class JaegerDevServer implements AutoCloseable {

  /** The environment variable that names the Jaeger binary (the launcher sets it). */
  static final String BINARY_ENV = "AGENTHUB_JAEGER";

  /** OTLP over HTTP, the protocol the SDK's autoconfigure uses by default. */
  static final String OTLP_ENDPOINT = "http://localhost:4318";

  static final String QUERY_URL = "http://localhost:16686";

  /** A run's trace in Jaeger's query API; {@code {traceId}} is replaced. */
  static final String TRACE_URL_TEMPLATE = QUERY_URL + "/api/v3/traces/{traceId}";

  private static final Logger log = LoggerFactory.getLogger(JaegerDevServer.class);
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;

  private JaegerDevServer(Process process) {
    this.process = process;
  }

  /** Starts Jaeger from {@code home} (the checkout) and waits until its query API answers. */
  static JaegerDevServer start(Path home) throws IOException {
    String fromEnv = System.getenv(BINARY_ENV);
    Path binary =
        fromEnv != null && !fromEnv.isBlank()
            ? Path.of(fromEnv)
            : home.resolve(".tools/bin/jaeger");
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(
          "Jaeger not found at " + binary + "; build it with scripts/install-jaeger.sh (needs Go)");
    }
    Path logFile = home.resolve(".state/jaeger.log");
    Files.createDirectories(logFile.getParent());
    Process process =
        new ProcessBuilder(
                binary.toString(),
                "--config",
                home.resolve("observability/jaeger/config.yaml").toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
            .start();
    JaegerDevServer server = new JaegerDevServer(process);
    try {
      server.awaitQueryApi(logFile);
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
    log.info("Jaeger v2: OTLP {} , query API {}, log in {}", OTLP_ENDPOINT, QUERY_URL, logFile);
    return server;
  }

  private void awaitQueryApi(Path logFile) throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    HttpRequest services =
        HttpRequest.newBuilder(URI.create(QUERY_URL + "/api/v3/services"))
            .timeout(Duration.ofSeconds(2))
            .build();
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException("Jaeger exited with " + process.exitValue() + "; see " + logFile);
      }
      try {
        if (http.send(services, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet: wait a little below.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for Jaeger", e);
      }
      try {
        process.waitFor(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for Jaeger", e);
      }
    }
    throw new IOException("Jaeger's query API did not answer within " + STARTUP_TIMEOUT);
  }

  /** Stops Jaeger (SIGTERM, then SIGKILL after 10 s). Idempotent. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
