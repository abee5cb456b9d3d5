package dev.agenthub.telemetry;

import static dev.agenthub.system.ApiTestClient.OPERATOR;
import static dev.agenthub.system.ApiTestClient.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.system.ApiTestClient;
import dev.agenthub.system.TestPorts;
import dev.agenthub.system.TestTools;
import dev.agenthub.testing.Poll;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dev --traces} on a laptop without Docker: the command starts Jaeger v2 (built by {@code
 * scripts/install-jaeger.sh}), exports its traces there, and each run's {@code links.trace} opens
 * the run's whole trace in Jaeger's query API. Runs {@code dev} as a child JVM, as users do.
 */
class DevTracesIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir static Path home;
  private static ChildProcess dev;
  private static ApiTestClient api;

  @BeforeAll
  static void startDevWithTraces() throws Exception {
    Path jaeger = TestTools.require("jaeger", "scripts/install-jaeger.sh builds it");
    Path repo = TestTools.repoRoot();
    Files.createDirectories(home.resolve("observability/jaeger"));
    Files.copy(
        repo.resolve("observability/jaeger/config.yaml"),
        home.resolve("observability/jaeger/config.yaml"));
    int port = TestPorts.free();
    Path config = home.resolve("dev.yml");
    Files.writeString(
        config,
        """
        server:
          applicationConnectors: [{type: http, port: %d}]
          adminConnectors: [{type: http, port: %d}]
          requestLog: {appenders: []}
        temporal:
          target: 127.0.0.1:%d
        pipelinesDir: %s
        auth:
          keys:
            - {name: vic, role: viewer, value: viewer-key}
            - {name: olga, role: operator, value: operator-key}
        worker:
          virtualThreads: false
        """
            .formatted(
                port,
                TestPorts.free(),
                TestPorts.free(),
                Path.of("src/test/resources/pipelines-it").toAbsolutePath()));
    Map<String, String> environment = new HashMap<>();
    environment.put("AGENTHUB_HOME", home.toString());
    environment.put("AGENTHUB_JAEGER", jaeger.toString());
    environment.put("OTEL_BSP_SCHEDULE_DELAY", "200");
    // Whatever this JVM was given, the child's traces must go where --traces sends them.
    environment.put("OTEL_EXPORTER_OTLP_ENDPOINT", null);
    environment.put("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", null);
    dev =
        ChildProcess.agenthub(
            "dev", List.of("dev", "--traces", config.toString()), environment, home);
    api = new ApiTestClient(port);
    ChildProcess.await(
        "dev --traces to serve",
        WAIT,
        () -> Optional.of(api.get("/api/v1/pipelines", VIEWER)).filter(r -> r.status() == 200),
        dev);
  }

  @AfterAll
  static void stop() throws Exception {
    if (dev != null) {
      dev.close();
    }
  }

  @Test
  void aRunsTraceLink_opensItsWholeTraceInJaeger() throws Exception {
    JsonNode started = api.post("/api/v1/pipelines/quick/runs", OPERATOR, "{\"input\": {}}").body();
    String id = started.path("workflowId").asText();
    api.await("/api/v1/runs/" + id, run -> run.path("status").asText().equals("succeeded"), WAIT);
    String link = api.get("/api/v1/runs/" + id, VIEWER).body().at("/links/trace").asText();

    assertThat(link).startsWith("http://localhost:16686/api/v3/traces/");
    assertThat(dev.output()).contains("Traces go to Jaeger v2");
    // The last spans reach Jaeger after the run closes: wait for the agent's own span.
    HttpClient http = HttpClient.newHttpClient();
    List<String> names =
        Poll.until(
            "the run's agent span in Jaeger",
            WAIT,
            () -> {
              HttpResponse<String> reply =
                  http.send(
                      HttpRequest.newBuilder(URI.create(link)).build(),
                      HttpResponse.BodyHandlers.ofString());
              return reply.statusCode() == 200
                  ? spanNames(JSON.readTree(reply.body()))
                  : List.<String>of();
            },
            found -> found.contains("RunActivity:transform"));

    assertThat(names)
        .as("spans of the run's trace in Jaeger")
        .contains(
            "POST /api/v1/pipelines/{name}/runs",
            "StartWorkflow:PipelineWorkflow",
            "RunActivity:transform");
  }

  private static List<String> spanNames(JsonNode trace) {
    List<String> names = new ArrayList<>();
    for (JsonNode resource : trace.at("/result/resourceSpans")) {
      for (JsonNode scope : resource.path("scopeSpans")) {
        for (JsonNode span : scope.path("spans")) {
          names.add(span.path("name").asText());
        }
      }
    }
    return names;
  }
}
