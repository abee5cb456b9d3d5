package dev.agenthub.telemetry;

import static dev.agenthub.system.ApiTestClient.OPERATOR;
import static dev.agenthub.system.ApiTestClient.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.system.ApiTestClient;
import dev.agenthub.system.ApiTestClient.Reply;
import dev.agenthub.system.TestPorts;
import dev.agenthub.testing.Poll;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code dev} process (its own JVM, configured only through its YAML and {@code OTEL_*}
 * environment variables, logging JSON) exporting over OTLP/HTTP to a local receiver. Its LLM
 * provider needs an API key and its notify channel is a Slack webhook whose URL is a secret: the
 * run must use both and leak neither.
 */
class OtlpExportIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String API_KEY = "sk-test-Zq7SECRETKEYx81";
  private static final String HOOK_PATH = "/services/T0000/B0000/Xw9SECRETHOOKp2";

  @TempDir static Path dir;

  private static final MockBackends backends = new MockBackends();
  private static MockWebServer remote;
  private static OtlpReceiver receiver;
  private static ChildProcess process;
  private static ApiTestClient api;

  @BeforeAll
  static void startDevProcess() throws Exception {
    remote = new MockWebServer();
    remote.setDispatcher(backends);
    remote.start();
    receiver = new OtlpReceiver();
    int port = TestPorts.free();
    Path config = dir.resolve("dev.yml");
    Files.writeString(
        config,
        """
        server:
          applicationConnectors: [{type: http, port: %d}]
          adminConnectors: [{type: http, port: %d}]
          requestLog: {appenders: []}
        logging:
          level: INFO
          appenders:
            - type: console
              layout: {type: json, flattenMdc: true}
        temporal:
          target: 127.0.0.1:%d
        pipelinesDir: src/test/resources/pipelines-tracing
        auth:
          keys:
            - {name: vic, role: viewer, value: viewer-key}
            - {name: olga, role: operator, value: operator-key}
        worker:
          virtualThreads: false
        agents:
          llm:
            providers:
              mock:
                baseUrl: %s
                apiKeyEnv: AGENTHUB_TEST_LLM_KEY
                defaultModel: gpt-4o-mini
        """
            .formatted(port, TestPorts.free(), TestPorts.free(), remote.url("/").toString()));
    process =
        ChildProcess.agenthub(
            "dev",
            List.of("dev", config.toString()),
            Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                receiver.endpoint(),
                "OTEL_EXPORTER_OTLP_PROTOCOL",
                "http/protobuf",
                "OTEL_BSP_SCHEDULE_DELAY",
                "200",
                "OTEL_BLRP_SCHEDULE_DELAY",
                "200",
                "AGENTHUB_TEST_LLM_KEY",
                API_KEY,
                "SLACK_WEBHOOK_URL",
                remote.url(HOOK_PATH).toString()),
            dir);
    api = new ApiTestClient(port);
    ChildProcess.await(
        "the dev process to serve",
        WAIT,
        () -> Optional.of(api.get("/api/v1/pipelines", VIEWER)).filter(r -> r.status() == 200),
        process);
  }

  @AfterAll
  static void stop() throws Exception {
    if (process != null) {
      process.close();
    }
    if (receiver != null) {
      receiver.close();
    }
    if (remote != null) {
      remote.close();
    }
  }

  @Test
  void devProcess_exportsTheRunsSpansAndLogs_toTheOtlpEndpoint() {
    Started run = startRun();

    List<OtlpReceiver.ReceivedSpan> trace =
        await(
            "the run's spans",
            () ->
                Optional.of(spansOf(run.traceId()))
                    .filter(spans -> names(spans).contains("POST /api/v1/pipelines/{name}/runs"))
                    .filter(spans -> names(spans).contains("RunActivity:notify"))
                    .filter(spans -> names(spans).contains("RunWorkflow:PipelineWorkflow")));
    assertThat(names(trace))
        .contains(
            "POST /api/v1/pipelines/{name}/runs",
            "StartWorkflow:PipelineWorkflow",
            "RunActivity:llm",
            "chat gpt-4o-mini",
            "RunActivity:notify");
    assertThat(trace)
        .allSatisfy(
            s ->
                assertThat(attributes(s.resource().getAttributesList()))
                    .containsEntry("service.name", "agenthub-api")
                    .containsKeys("service.version", "deployment.environment.name"));

    List<OtlpReceiver.ReceivedLog> logs =
        await(
            "the run's log records",
            () ->
                Optional.of(
                        receiver.logs().stream()
                            .filter(l -> l.traceId().equals(run.traceId()))
                            .toList())
                    .filter(l -> l.stream().anyMatch(r -> "tell".equals(attribute(r, "step")))));
    assertThat(logs)
        .anySatisfy(
            l ->
                assertThat(l.log().getBody().getStringValue()).contains("started run " + run.id()));
    OtlpReceiver.ReceivedLog stepLog =
        logs.stream().filter(l -> "tell".equals(attribute(l, "step"))).findFirst().orElseThrow();
    assertThat(attribute(stepLog, "workflow_id")).isEqualTo(run.id());
    assertThat(attribute(stepLog, "pipeline")).isEqualTo("secretive");
    assertThat(attribute(stepLog, "run_id")).isNotBlank();

    // The console is JSON lines: the same records carry trace_id / span_id / workflow_id.
    List<JsonNode> lines = jsonLines();
    assertThat(lines)
        .anySatisfy(
            line -> {
              assertThat(line.path("trace_id").asText()).isEqualTo(run.traceId());
              assertThat(line.path("span_id").asText()).hasSize(16);
              assertThat(line.path("workflow_id").asText()).isEqualTo(run.id());
              assertThat(line.path("step").asText()).isEqualTo("tell");
            });
  }

  @Test
  void secrets_appearInNoSpanLogHistoryOrResponse() {
    Started run = startRun();
    JsonNode done =
        api.await(
            "/api/v1/runs/" + run.id(), r -> r.path("status").asText().equals("succeeded"), WAIT);

    // The secrets were really used...
    List<RecordedRequest> requests = List.copyOf(backends.requests);
    assertThat(requests)
        .anySatisfy(
            r -> assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + API_KEY));
    assertThat(requests).anySatisfy(r -> assertThat(r.getUrl().encodedPath()).isEqualTo(HOOK_PATH));
    assertThat(done.at("/output/text").asText()).isEqualTo("All good.");

    // ... and are nowhere else.
    List<OtlpReceiver.ReceivedSpan> trace =
        await(
            "the notify call's span and both client calls' spans",
            () ->
                Optional.of(spansOf(run.traceId()))
                    .filter(s -> names(s).contains("RunActivity:notify"))
                    .filter(s -> names(s).contains("RunWorkflow:PipelineWorkflow"))
                    // A client span can end (and be exported) after its activity's span.
                    .filter(s -> names(s).stream().filter("POST"::equals).count() >= 2));
    List<String> exported = new ArrayList<>();
    for (OtlpReceiver.ReceivedSpan span : receiver.spans()) {
      exported.add(span.span().toString());
    }
    for (OtlpReceiver.ReceivedLog log : receiver.logs()) {
      exported.add(log.log().toString());
    }
    String history =
        withDecodedPayloads(
            api.get("/api/v1/runs/" + run.id() + "/history?format=temporal", OPERATOR)
                .raw()
                .body());
    String responses =
        run.response()
            + api.get("/api/v1/runs/" + run.id(), VIEWER).raw().body()
            + api.get("/api/v1/runs/" + run.id() + "/history", VIEWER).raw().body()
            + history;
    assertThat(history).contains("secretive");
    assertThat(trace.stream().filter(s -> s.span().getName().equals("POST")).count()).isEqualTo(2);
    for (String secret : List.of(API_KEY, "SECRETKEY", HOOK_PATH, "SECRETHOOK")) {
      assertThat(exported).as("exported telemetry").noneMatch(text -> text.contains(secret));
      assertThat(responses).as("API responses").doesNotContain(secret);
      assertThat(log()).as("process output").doesNotContain(secret);
    }
  }

  /** {@code history} followed by its payloads, decoded (Temporal's JSON base64-encodes them). */
  private static String withDecodedPayloads(String history) {
    StringBuilder text = new StringBuilder(history);
    var data =
        java.util.regex.Pattern.compile("\"data\":\\s*\"([A-Za-z0-9+/=]+)\"").matcher(history);
    while (data.find()) {
      text.append('\n')
          .append(
              new String(
                  java.util.Base64.getDecoder().decode(data.group(1)),
                  java.nio.charset.StandardCharsets.UTF_8));
    }
    return text.toString();
  }

  private record Started(String id, String traceId, String response) {}

  private static Started startRun() {
    Reply started = api.post("/api/v1/pipelines/secretive/runs", OPERATOR, "{\"input\": {}}");
    assertThat(started.status()).as(started.raw().body()).isEqualTo(201);
    return new Started(
        started.body().path("workflowId").asText(),
        started.raw().headers().firstValue("X-Trace-Id").orElseThrow(),
        started.raw().body());
  }

  private static List<OtlpReceiver.ReceivedSpan> spansOf(String traceId) {
    return receiver.spans().stream().filter(s -> s.traceId().equals(traceId)).toList();
  }

  private static List<String> names(List<OtlpReceiver.ReceivedSpan> spans) {
    return spans.stream().map(s -> s.span().getName()).toList();
  }

  private static Map<String, String> attributes(List<KeyValue> attributes) {
    return attributes.stream()
        .collect(Collectors.toMap(KeyValue::getKey, kv -> text(kv.getValue()), (a, b) -> a));
  }

  private static String attribute(OtlpReceiver.ReceivedLog log, String key) {
    return attributes(log.log().getAttributesList()).get(key);
  }

  private static String text(AnyValue value) {
    return value.hasStringValue() ? value.getStringValue() : value.toString();
  }

  private static List<JsonNode> jsonLines() {
    return Stream.of(log().split("\n"))
        .filter(line -> line.startsWith("{"))
        .map(
            line -> {
              try {
                return JSON.readTree(line);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .toList();
  }

  private static String log() {
    return process.output();
  }

  private static <T> T await(String what, Supplier<Optional<T>> probe) {
    try {
      return Poll.untilPresent(what, WAIT, probe::get);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; process output:\n" + log(), e);
    }
  }
}
