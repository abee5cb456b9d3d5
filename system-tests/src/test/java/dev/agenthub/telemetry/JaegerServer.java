package dev.agenthub.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.system.TestPorts;
import dev.agenthub.system.TestTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Jaeger v2 as {@code scripts/install-jaeger.sh} builds it, run with the project's {@code
 * observability/jaeger/config.yaml} (in-memory store) on free ports, read through its query API.
 */
final class JaegerServer implements AutoCloseable {

  /** A span as Jaeger stored it, with its resource's attributes (values as text). */
  record StoredSpan(
      String traceId,
      String spanId,
      String parentSpanId,
      String name,
      int kind,
      Map<String, String> attributes,
      Map<String, String> resource) {

    static final int KIND_CLIENT = 3;

    boolean isRoot() {
      return parentSpanId.isEmpty();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChildProcess process;
  private final int otlpGrpcPort;
  private final int queryPort;

  private JaegerServer(ChildProcess process, int otlpGrpcPort, int queryPort) {
    this.process = process;
    this.otlpGrpcPort = otlpGrpcPort;
    this.queryPort = queryPort;
  }

  /**
   * Starts Jaeger and waits until its query API answers; a missing binary is {@link
   * TestTools#missing}.
   */
  static JaegerServer start(Path dir, Duration timeout) {
    Path binary = TestTools.require("jaeger", "scripts/install-jaeger.sh builds it");
    int otlpGrpcPort = TestPorts.free();
    int queryPort = TestPorts.free();
    ChildProcess process =
        ChildProcess.start(
            "jaeger",
            List.of(
                binary.toString(),
                "--config",
                TestTools.repoRoot().resolve("observability/jaeger/config.yaml").toString()),
            Map.of(
                "JAEGER_OTLP_GRPC_ENDPOINT", "127.0.0.1:" + otlpGrpcPort,
                "JAEGER_OTLP_HTTP_ENDPOINT", "127.0.0.1:" + TestPorts.free(),
                "JAEGER_QUERY_HTTP_ENDPOINT", "127.0.0.1:" + queryPort,
                "JAEGER_QUERY_GRPC_ENDPOINT", "127.0.0.1:" + TestPorts.free()),
            dir);
    JaegerServer jaeger = new JaegerServer(process, otlpGrpcPort, queryPort);
    ChildProcess.await(
        "Jaeger's query API",
        timeout,
        () ->
            Optional.of(LocalHttp.get(jaeger.url("/api/v3/services")))
                .filter(r -> r.statusCode() == 200),
        process);
    return jaeger;
  }

  ChildProcess process() {
    return process;
  }

  /** Where Jaeger receives OTLP over gRPC, as {@code host:port}. */
  String otlpGrpcAddress() {
    return "127.0.0.1:" + otlpGrpcPort;
  }

  /**
   * The trace {@code traceId} (hex) as {@code GET /api/v3/traces/{id}} returns it; empty if
   * unknown.
   */
  Optional<List<StoredSpan>> trace(String traceId) {
    HttpResponse<String> response = LocalHttp.get(url("/api/v3/traces/" + traceId));
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<StoredSpan> spans = new ArrayList<>();
    for (JsonNode resourceSpans : json(response.body()).at("/result/resourceSpans")) {
      Map<String, String> resource = attributes(resourceSpans.at("/resource/attributes"));
      for (JsonNode scopeSpans : resourceSpans.path("scopeSpans")) {
        for (JsonNode span : scopeSpans.path("spans")) {
          spans.add(
              new StoredSpan(
                  span.path("traceId").asText(),
                  span.path("spanId").asText(),
                  span.path("parentSpanId").asText(""),
                  span.path("name").asText(),
                  span.path("kind").asInt(),
                  attributes(span.path("attributes")),
                  resource));
        }
      }
    }
    return Optional.of(spans);
  }

  /** How many spans of each name. */
  static Map<String, Long> countByName(List<StoredSpan> spans) {
    return spans.stream()
        .collect(Collectors.groupingBy(StoredSpan::name, TreeMap::new, Collectors.counting()));
  }

  private String url(String path) {
    return "http://127.0.0.1:" + queryPort + path;
  }

  /** OTLP JSON attributes ({@code [{"key": k, "value": {"stringValue": v}}]}) as text. */
  private static Map<String, String> attributes(JsonNode attributes) {
    Map<String, String> map = new TreeMap<>();
    for (JsonNode attribute : attributes) {
      map.put(attribute.path("key").asText(), text(attribute.path("value")));
    }
    return map;
  }

  /** A scalar's text; an array's values' texts joined by "; ". */
  private static String text(JsonNode value) {
    JsonNode array = value.at("/arrayValue/values");
    if (array.isArray()) {
      List<String> texts = new ArrayList<>();
      array.forEach(v -> texts.add(text(v)));
      return String.join("; ", texts);
    }
    return value.size() == 1 ? value.elements().next().asText() : value.toString();
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }
}
