package dev.agenthub.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.system.TestPorts;
import dev.agenthub.system.TestTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenTelemetry Collector as {@code scripts/install-otelcol.sh} builds it, running the
 * project's own {@code observability/otel-collector/config.yaml}. A second config file, merged over
 * it, moves only its listen addresses (OTLP, health check, self-metrics) to free local ports; the
 * backends come from the environment the config reads.
 */
final class CollectorProcess implements AutoCloseable {

  /** The collector's self-metrics, one sample a {@code name{labels}} line. */
  record SelfMetrics(Map<String, Double> samples) {

    private static final Pattern SAMPLE =
        Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)");

    static SelfMetrics parse(String text) {
      Map<String, Double> samples = new TreeMap<>();
      for (String line : text.split("\n")) {
        Matcher m = SAMPLE.matcher(line);
        if (!line.startsWith("#") && m.find()) {
          samples.put(
              m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
        }
      }
      return new SelfMetrics(samples);
    }

    /**
     * The sum of the samples of {@code name} (with or without a {@code _total} suffix) whose labels
     * include every one of {@code labels} ({@code key="value"}).
     */
    double sum(String name, String... labels) {
      return samples.entrySet().stream()
          .filter(
              e -> {
                String key = e.getKey();
                String metric = key.contains("{") ? key.substring(0, key.indexOf('{')) : key;
                return metric.equals(name) || metric.equals(name + "_total");
              })
          .filter(e -> List.of(labels).stream().allMatch(l -> e.getKey().contains(l)))
          .mapToDouble(Map.Entry::getValue)
          .sum();
    }
  }

  private final Path binary;
  private final Path listen;
  private final Map<String, String> environment;
  private final Path dir;
  private final int otlpGrpcPort;
  private final int otlpHttpPort;
  private final int metricsPort;
  private ChildProcess process;

  private CollectorProcess(Path binary, Map<String, String> environment, Path dir) {
    this.binary = binary;
    this.environment = environment;
    this.dir = dir;
    this.listen = dir.resolve("otelcol-listen.yaml");
    this.otlpGrpcPort = TestPorts.free();
    this.otlpHttpPort = TestPorts.free();
    this.metricsPort = TestPorts.free();
  }

  /**
   * Starts the collector with {@code environment} and waits until its health check says it is
   * ready; a missing binary is {@link TestTools#missing}.
   */
  static CollectorProcess start(Map<String, String> environment, Path dir, Duration timeout) {
    Path binary = TestTools.require("agenthub-otelcol", "scripts/install-otelcol.sh builds it");
    CollectorProcess collector = new CollectorProcess(binary, environment, dir);
    int healthPort = TestPorts.free();
    try {
      Files.writeString(
          collector.listen,
          """
          receivers:
            otlp:
              protocols:
                grpc: {endpoint: "127.0.0.1:%d"}
                http: {endpoint: "127.0.0.1:%d"}
          extensions:
            health_check: {endpoint: "127.0.0.1:%d"}
          service:
            telemetry:
              metrics:
                readers:
                  - pull: {exporter: {prometheus: {host: 127.0.0.1, port: %d}}}
          """
              .formatted(
                  collector.otlpGrpcPort,
                  collector.otlpHttpPort,
                  healthPort,
                  collector.metricsPort));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    collector.process = ChildProcess.start("otelcol", collector.command(), environment, dir);
    ChildProcess.await(
        "the collector's health check",
        timeout,
        () ->
            Optional.of(LocalHttp.get("http://127.0.0.1:" + healthPort + "/"))
                .filter(r -> r.statusCode() == 200),
        collector.process);
    return collector;
  }

  /** {@code otelcol validate} of the same configuration and environment: its exit code. */
  int validate(Duration timeout) throws InterruptedException {
    try (ChildProcess validate =
        ChildProcess.start("otelcol-validate", command("validate"), environment, dir)) {
      int exit = validate.waitFor(timeout);
      assertThat(exit).as(validate.output()).isZero();
      return exit;
    }
  }

  ChildProcess process() {
    return process;
  }

  /** The OTLP/gRPC endpoint, as {@code OTEL_EXPORTER_OTLP_ENDPOINT} takes it. */
  String otlpGrpcEndpoint() {
    return "http://127.0.0.1:" + otlpGrpcPort;
  }

  /** The OTLP/HTTP endpoint (signals at {@code /v1/traces}, {@code /v1/logs}). */
  String otlpHttpEndpoint() {
    return "http://127.0.0.1:" + otlpHttpPort;
  }

  SelfMetrics selfMetrics() {
    HttpResponse<String> response = LocalHttp.get("http://127.0.0.1:" + metricsPort + "/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    return SelfMetrics.parse(response.body());
  }

  private List<String> command(String... subcommand) {
    List<String> command = new ArrayList<>(List.of(binary.toString()));
    command.addAll(List.of(subcommand));
    command.add(
        "--config=file:"
            + TestTools.repoRoot().resolve("observability/otel-collector/config.yaml"));
    command.add("--config=file:" + listen);
    return command;
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      process.close();
    }
  }
}
