package dev.agenthub.telemetry;

import static dev.agenthub.system.ApiTestClient.OPERATOR;
import static dev.agenthub.system.ApiTestClient.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.agenthub.system.ApiTestClient;
import dev.agenthub.system.ApiTestClient.Reply;
import dev.agenthub.system.TestPorts;
import dev.agenthub.telemetry.CollectorProcess.SelfMetrics;
import dev.agenthub.telemetry.JaegerServer.StoredSpan;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trace path for real, without Docker: a {@code dev} process (its own JVM, configured through
 * {@code OTEL_*} variables) exports traces and logs over OTLP/gRPC to the collector {@code
 * scripts/install-otelcol.sh} builds, running the project's own collector config; the collector
 * sends traces on to Jaeger v2 ({@code scripts/install-jaeger.sh}, in-memory) and logs to a local
 * OTLP receiver. Everything is read back from outside: Jaeger's query API, the log records
 * received, the collector's self-metrics. Missing binaries fail under {@code CI=true}.
 */
class CollectorToJaegerIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String SERVER_SPAN = "POST /api/v1/pipelines/{name}/runs";
  private static final String APP_ENVIRONMENT = "dev-it";
  private static final String COLLECTOR_ENVIRONMENT = "collector-it";

  @TempDir static Path dir;

  private static MockWebServer remote;
  private static OtlpReceiver logBackend;
  private static JaegerServer jaeger;
  private static CollectorProcess collector;
  private static ChildProcess dev;
  private static ApiTestClient api;
  private static String runId;
  private static String traceId;

  @BeforeAll
  static void startThePathAndRunAPipeline() throws Exception {
    jaeger = JaegerServer.start(dir, WAIT);
    logBackend = new OtlpReceiver();
    collector =
        CollectorProcess.start(
            Map.of(
                "AGENTHUB_TRACES_ENDPOINT", jaeger.otlpGrpcAddress(),
                "AGENTHUB_LOGS_ENDPOINT", logBackend.endpoint(),
                "AGENTHUB_ENVIRONMENT", COLLECTOR_ENVIRONMENT),
            dir,
            WAIT);
    remote = new MockWebServer();
    remote.setDispatcher(new MockBackends());
    remote.start();
    startDev(collector.otlpGrpcEndpoint());

    // The traced pipeline: http (fails once, retried), llm, http.
    Reply started =
        api.post(
            "/api/v1/pipelines/traced/runs",
            OPERATOR,
            "{\"input\": {\"url\": \""
                + remote.url("/remote").toString().replaceAll("/$", "")
                + "\"}}");
    assertThat(started.status()).as(String.valueOf(started.body())).isEqualTo(201);
    runId = started.body().path("workflowId").asText();
    traceId = started.raw().headers().firstValue("X-Trace-Id").orElseThrow();
    api.await(
        "/api/v1/runs/" + runId, run -> run.path("status").asText().equals("succeeded"), WAIT);
  }

  private static void startDev(String otlpEndpoint) throws Exception {
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
          appenders: [{type: console, layout: {type: json, flattenMdc: true}}]
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
              mock: {baseUrl: %s, defaultModel: gpt-4o-mini}
        """
            .formatted(port, TestPorts.free(), TestPorts.free(), remote.url("/").toString()));
    dev =
        ChildProcess.agenthub(
            "dev",
            List.of("dev", config.toString()),
            Map.of(
                // OTLP over gRPC (the default protocol), as in compose.
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                otlpEndpoint,
                "OTEL_BSP_SCHEDULE_DELAY",
                "200",
                "OTEL_BLRP_SCHEDULE_DELAY",
                "200",
                "AGENTHUB_ENVIRONMENT",
                APP_ENVIRONMENT),
            dir);
    api = new ApiTestClient(port);
    await(
        "the dev process to serve",
        () -> {
          try {
            return Optional.of(api.get("/api/v1/pipelines", VIEWER)).filter(r -> r.status() == 200);
          } catch (UncheckedIOException e) {
            return Optional.empty();
          }
        });
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable started : new AutoCloseable[] {dev, collector, jaeger, logBackend, remote}) {
      if (started != null) {
        started.close();
      }
    }
  }

  @Test
  void projectConfig_validates_inTheBuiltCollector() throws Exception {
    assertThat(collector.validate(WAIT)).isZero();
  }

  @Test
  void runsTrace_isStoredWholeInJaeger_fromTheServerSpanToEveryAgentCall() {
    Map<String, Long> expected =
        Map.of(
            SERVER_SPAN,
            1L,
            "StartWorkflow:PipelineWorkflow",
            1L,
            "StartActivity:http",
            2L, // fetch (retried server-side) and confirm
            "RunActivity:http",
            3L, // fetch twice, confirm once
            "GET",
            3L,
            "StartActivity:llm",
            1L,
            "RunActivity:llm",
            1L,
            "chat gpt-4o-mini",
            1L);
    // Spans reach Jaeger in several batches (a workflow's RunWorkflow span ends last): wait until
    // every expected span is there and every parent is stored too.
    List<StoredSpan> trace =
        await(
            "the run's whole trace in Jaeger",
            () ->
                jaeger
                    .trace(traceId)
                    .filter(
                        spans ->
                            JaegerServer.countByName(spans)
                                .entrySet()
                                .containsAll(expected.entrySet()))
                    .filter(spans -> orphans(spans).isEmpty()),
            () -> "orphans: " + jaeger.trace(traceId).map(CollectorToJaegerIT::orphans));

    // One root, the API's server span. (Jaeger's own "parent span ID=... is not in the trace"
    // warnings are no help here: its in-memory store keeps those its query adjusters added while
    // the trace was still arriving.)
    assertThat(trace)
        .filteredOn(StoredSpan::isRoot)
        .extracting(StoredSpan::name)
        .containsExactly(SERVER_SPAN);
    assertThat(trace).extracting(StoredSpan::traceId).containsOnly(traceId);
    assertThat(trace).extracting(StoredSpan::name).contains("RunWorkflow:PipelineWorkflow");
    // Every agent call: each step's activity attempt, and the client call it made under it.
    for (String step : List.of("fetch", "ask", "confirm")) {
      List<StoredSpan> attempts =
          trace.stream()
              .filter(s -> s.name().startsWith("RunActivity:"))
              .filter(s -> step.equals(s.attributes().get("agenthub.step")))
              .toList();
      assertThat(attempts).as(step).hasSize(step.equals("fetch") ? 2 : 1);
      for (StoredSpan attempt : attempts) {
        assertThat(trace)
            .as("%s's client call", step)
            .anyMatch(
                s ->
                    s.parentSpanId().equals(attempt.spanId())
                        && s.kind() == StoredSpan.KIND_CLIENT);
      }
    }
    // The process's own resource, kept: the collector's resource processor only inserts the
    // environment where a sender set none (next test).
    assertThat(trace)
        .allSatisfy(
            s ->
                assertThat(s.resource())
                    .containsEntry("service.name", "agenthub-api")
                    .containsEntry("deployment.environment.name", APP_ENVIRONMENT)
                    .containsKey("service.version"));
  }

  @Test
  void collectorsResourceProcessor_insertsTheEnvironment_whereTheSenderSetNone() {
    byte[] probeTraceId = randomBytes(16);
    long now = Instant.now().toEpochMilli() * 1_000_000;
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .setResource(
                        Resource.newBuilder()
                            .addAttributes(
                                KeyValue.newBuilder()
                                    .setKey("service.name")
                                    .setValue(AnyValue.newBuilder().setStringValue("probe"))))
                    .addScopeSpans(
                        ScopeSpans.newBuilder()
                            .addSpans(
                                Span.newBuilder()
                                    .setTraceId(ByteString.copyFrom(probeTraceId))
                                    .setSpanId(ByteString.copyFrom(randomBytes(8)))
                                    .setName("probe")
                                    .setStartTimeUnixNano(now)
                                    .setEndTimeUnixNano(now + 1_000))))
            .build();
    HttpResponse<String> response =
        LocalHttp.post(
            collector.otlpHttpEndpoint() + "/v1/traces",
            "application/x-protobuf",
            request.toByteArray());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

    List<StoredSpan> stored =
        await(
            "the probe span in Jaeger",
            () -> jaeger.trace(HexFormat.of().formatHex(probeTraceId)).filter(s -> !s.isEmpty()));
    assertThat(stored).singleElement().extracting(StoredSpan::name).isEqualTo("probe");
    assertThat(stored.get(0).resource())
        .containsEntry("service.name", "probe")
        .containsEntry("deployment.environment.name", COLLECTOR_ENVIRONMENT);
  }

  @Test
  void runsLogRecords_reachTheLogBackend_withTheirTraceIds() {
    List<OtlpReceiver.ReceivedLog> logs =
        await(
            "the run's log records",
            () ->
                Optional.of(
                        logBackend.logs().stream()
                            .filter(l -> l.traceId().equals(traceId))
                            .toList())
                    .filter(
                        records ->
                            records.stream()
                                .anyMatch(
                                    r ->
                                        r.log()
                                            .getBody()
                                            .getStringValue()
                                            .contains("started run " + runId))));
    assertThat(logs)
        .allSatisfy(
            l -> {
              assertThat(l.log().getSpanId().size()).isEqualTo(8);
              assertThat(resource(l.resource()))
                  .containsEntry("service.name", "agenthub-api")
                  .containsEntry("deployment.environment.name", APP_ENVIRONMENT);
            });
  }

  @Test
  void memoryLimiterAndBatch_areInBothPipelines_byTheCollectorsOwnMetrics() {
    // Once the collector is idle, every span and log record it exported went through
    // memory_limiter and batch: their counts match the exporters' exactly. (batch counts both
    // signals in one histogram, so a pipeline without it would leave the sum short.)
    SelfMetrics metrics =
        await(
            "the collector's self-metrics to account for every item exported",
            () ->
                Optional.of(collector.selfMetrics())
                    .filter(m -> spansSent(m) > 10 && logRecordsSent(m) > 0)
                    .filter(
                        m ->
                            m.sum("otelcol_processor_batch_batch_send_size_sum")
                                == spansSent(m) + logRecordsSent(m))
                    .filter(
                        m ->
                            m.sum("otelcol_processor_memory_limiter_accepted_spans")
                                == spansSent(m))
                    .filter(
                        m ->
                            m.sum("otelcol_processor_memory_limiter_accepted_log_records")
                                == logRecordsSent(m)),
            () -> String.valueOf(collector.selfMetrics().samples()));
    for (String signal : List.of("traces", "logs")) {
      assertThat(
              metrics.sum(
                  "otelcol_processor_outgoing_items",
                  "processor=\"memory_limiter\"",
                  "otel_signal=\"" + signal + "\""))
          .as("items out of memory_limiter (%s)", signal)
          .isPositive();
    }
    // The run is far below send_batch_size (8192): batches leave on the 2 s timeout.
    assertThat(metrics.sum("otelcol_processor_batch_timeout_trigger_send")).isPositive();
    assertThat(metrics.sum("otelcol_processor_memory_limiter_refused_spans")).isZero();
    assertThat(metrics.sum("otelcol_exporter_send_failed_spans")).isZero();
    assertThat(metrics.sum("otelcol_exporter_send_failed_log_records")).isZero();
  }

  private static double spansSent(SelfMetrics metrics) {
    return metrics.sum("otelcol_exporter_sent_spans", "exporter=\"otlp/tempo\"");
  }

  private static double logRecordsSent(SelfMetrics metrics) {
    return metrics.sum("otelcol_exporter_sent_log_records", "exporter=\"otlphttp/loki\"");
  }

  /** The spans whose parent is not among {@code spans}. */
  private static List<StoredSpan> orphans(List<StoredSpan> spans) {
    Set<String> ids = spans.stream().map(StoredSpan::spanId).collect(Collectors.toSet());
    return spans.stream().filter(s -> !s.isRoot() && !ids.contains(s.parentSpanId())).toList();
  }

  private static Map<String, String> resource(Resource resource) {
    return resource.getAttributesList().stream()
        .collect(
            Collectors.toMap(KeyValue::getKey, kv -> kv.getValue().getStringValue(), (a, b) -> a));
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }

  /** Polls until {@code probe} yields; fails at once if Jaeger, the collector or dev exited. */
  private static <T> T await(String what, Supplier<Optional<T>> probe) {
    return await(what, probe, () -> "");
  }

  /** As {@link #await(String, Supplier)}, naming {@code state} in the failure. */
  private static <T> T await(String what, Supplier<Optional<T>> probe, Supplier<String> state) {
    ChildProcess[] watched =
        Stream.of(jaeger.process(), collector.process(), dev)
            .filter(Objects::nonNull)
            .toArray(ChildProcess[]::new);
    try {
      return ChildProcess.await(what, WAIT, probe, watched);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\nlast state: " + state.get(), e);
    }
  }
}
