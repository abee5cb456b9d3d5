package dev.agenthub.telemetry;

import static dev.agenthub.system.ApiTestClient.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.api.ApiConfiguration;
import dev.agenthub.devkit.AgentHubMain;
import dev.agenthub.devkit.DevCommand;
import dev.agenthub.run.PipelineWorkflowImpl;
import dev.agenthub.system.ApiTestClient;
import dev.agenthub.system.ApiTestClient.Reply;
import dev.agenthub.system.TestPorts;
import dev.agenthub.testing.Poll;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One trace per run, from the API request to the last agent call, recorded in memory by the whole
 * application ({@code dev}: embedded Temporal, worker, API) with the sticky workflow cache off, so
 * that every workflow task is a full replay.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TracingIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String SERVER_SPAN = "POST /api/v1/pipelines/{name}/runs";
  private static final String RUN_WORKFLOW = "RunWorkflow:PipelineWorkflow";

  private static final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private static final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .setIdGenerator(new PresetSpanIds())
                  .addSpanProcessor(SimpleSpanProcessor.create(spans))
                  .build())
          .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
          .build();
  private static final MockBackends backends = new MockBackends();
  private static final MockWebServer remote = startedRemote();

  static final DropwizardAppExtension<ApiConfiguration> APP =
      new DropwizardAppExtension<>(
          new DropwizardTestSupport<>(
              AgentHubMain.class,
              ResourceHelpers.resourceFilePath("api-tracing-it.yml"),
              (String) null,
              app ->
                  new DevCommand(
                      new PrintStream(PrintStream.nullOutputStream()),
                      name -> Telemetry.withOpenTelemetry(name, sdk)),
              ConfigOverride.config("temporal.target", "127.0.0.1:" + TestPorts.free()),
              ConfigOverride.config(
                  "agents.llm.providers.mock.baseUrl", remote.url("/").toString())) {});

  @AfterAll
  static void stop() throws IOException {
    remote.close();
    sdk.close();
  }

  @Test
  void run_isOneTrace_fromTheApiRequestToEveryAgentCall() {
    ApiTestClient api = new ApiTestClient(APP.getLocalPort());
    Reply started = startRun(api, "traced");
    String traceId = started.raw().headers().firstValue("X-Trace-Id").orElseThrow();
    assertThat(started.raw().headers().firstValue("traceresponse").orElseThrow())
        .startsWith("00-" + traceId + "-");
    assertThat(started.body().at("/links/trace").asText())
        .isEqualTo("http://grafana.test/explore?traceId=" + traceId);
    String id = started.body().path("workflowId").asText();
    JsonNode done =
        api.await(
            "/api/v1/runs/" + id, run -> run.path("status").asText().equals("succeeded"), WAIT);
    assertThat(done.at("/links/trace").asText()).endsWith(traceId);

    List<SpanData> trace = awaitTrace(traceId, TracingIT::hasAll);

    SpanData server = only(trace, SERVER_SPAN);
    assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(server.getParentSpanContext().isValid()).isFalse();
    assertThat(server.getAttributes().get(AttributeKey.stringKey("http.request.method")))
        .isEqualTo("POST");
    assertThat(server.getAttributes().get(AttributeKey.stringKey("http.route")))
        .isEqualTo("/api/v1/pipelines/{name}/runs");
    assertThat(server.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
        .isEqualTo(201);
    SpanData start = only(trace, "StartWorkflow:PipelineWorkflow");
    assertThat(parentOf(start, trace)).isEqualTo(server);
    // temporal-opentracing starts a RunWorkflow span each time the worker (re)plays the workflow
    // from its start; with no workflow cache that can be more than one. All are children of
    // StartWorkflow; what must never repeat are the per-step spans (see the replay test).
    List<SpanData> workflows =
        trace.stream().filter(s -> s.getName().equals(RUN_WORKFLOW)).toList();
    assertThat(workflows)
        .isNotEmpty()
        .allSatisfy(w -> assertThat(parentOf(w, trace)).isEqualTo(start));

    for (String step : List.of("fetch", "ask", "confirm")) {
      List<SpanData> attempts =
          trace.stream()
              .filter(s -> s.getName().startsWith("RunActivity:"))
              .filter(s -> step.equals(attribute(s, "agenthub.step")))
              .toList();
      assertThat(attempts).as(step).hasSize(step.equals("fetch") ? 2 : 1);
      for (SpanData run : attempts) {
        SpanData startActivity = parentOf(run, trace);
        assertThat(startActivity.getName()).startsWith("StartActivity:");
        assertThat(workflows).contains(parentOf(startActivity, trace));
        assertThat(run.getAttributes().get(AttributeKey.stringKey("agenthub.pipeline")))
            .isEqualTo("traced");
        assertThat(run.getAttributes().get(AttributeKey.stringKey("agenthub.agent")))
            .isEqualTo(run.getName().substring("RunActivity:".length()));
        List<SpanData> clients = childrenOf(run, trace);
        assertThat(clients).as(step + " calls").hasSize(1);
        assertThat(clients.get(0).getKind()).isEqualTo(SpanKind.CLIENT);
      }
    }

    List<SpanData> fetches =
        trace.stream().filter(s -> "fetch".equals(attribute(s, "agenthub.step"))).toList();
    assertThat(fetches)
        .extracting(s -> s.getAttributes().get(AttributeKey.longKey("agenthub.attempt")))
        .containsExactlyInAnyOrder(1L, 2L);
    SpanData failed =
        fetches.stream()
            .filter(s -> s.getAttributes().get(AttributeKey.longKey("agenthub.attempt")) == 1L)
            .findFirst()
            .orElseThrow();
    assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(failed.getEvents()).anyMatch(e -> e.getName().equals("exception"));
    SpanData fetchCall = childrenOf(failed, trace).get(0);
    assertThat(fetchCall.getName()).isEqualTo("GET");
    assertThat(fetchCall.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
        .isEqualTo(503);

    SpanData llm = only(trace, "RunActivity:llm");
    SpanData chat = childrenOf(llm, trace).get(0);
    assertThat(chat.getName()).isEqualTo("chat gpt-4o-mini");
    assertThat(chat.getKind()).isEqualTo(SpanKind.CLIENT);
    Map<String, Object> genAi =
        chat.getAttributes().asMap().entrySet().stream()
            .collect(Collectors.toMap(e -> e.getKey().getKey(), Map.Entry::getValue));
    assertThat(genAi)
        .containsEntry("gen_ai.operation.name", "chat")
        .containsEntry("gen_ai.provider.name", "openai")
        .containsEntry("gen_ai.request.model", "gpt-4o-mini")
        .containsEntry("gen_ai.response.model", "gpt-4o-mini-2024-07-18")
        .containsEntry("gen_ai.usage.input_tokens", 12L)
        .containsEntry("gen_ai.usage.output_tokens", 3L);
    assertThat((Double) genAi.get("agenthub.cost_usd")).isPositive();
    assertThat(llm.getAttributes().get(AttributeKey.doubleKey("agenthub.cost_usd"))).isPositive();
    SpanData providerCall = childrenOf(chat, trace).get(0);
    assertThat(providerCall.getName()).isEqualTo("POST");
    assertThat(providerCall.getKind()).isEqualTo(SpanKind.CLIENT);

    // Every remote saw this trace's context, sent by the client span of its call. (The mock is
    // shared by every test of this class: only this trace's requests count.)
    assertThat(backends.traceparents(traceId)).hasSize(4);
    List<String> clientSpanIds =
        trace.stream()
            .filter(s -> s.getKind() == SpanKind.CLIENT && !s.getName().startsWith("chat"))
            .map(SpanData::getSpanId)
            .toList();
    assertThat(backends.traceparents(traceId))
        .extracting(header -> header.split("-")[2])
        .containsExactlyInAnyOrderElementsOf(clientSpanIds);
  }

  @Test
  void replays_doNotRepeatSpans() throws Exception {
    ApiTestClient api = new ApiTestClient(APP.getLocalPort());
    Reply started = startRun(api, "traced");
    String traceId = started.raw().headers().firstValue("X-Trace-Id").orElseThrow();
    String id = started.body().path("workflowId").asText();
    api.await("/api/v1/runs/" + id, run -> run.path("status").asText().equals("succeeded"), WAIT);
    List<SpanData> before = awaitTrace(traceId, TracingIT::hasAll);
    long runs = count(before, RUN_WORKFLOW);

    // A closed run's GET is answered from its result, and a query on an open run ends no span
    // (its replay is evicted mid-run), so neither shows that replays are quiet. A fresh worker
    // with the production interceptors replaying the whole history (as after a worker restart)
    // does: each replay runs the workflow to its end, which ends one more RunWorkflow span.
    WorkflowExecutionHistory history =
        WorkflowExecutionHistory.fromJson(
            api.get("/api/v1/runs/" + id + "/history?format=temporal", OPERATOR).raw().body());
    try (TestWorkflowEnvironment replayer =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(
                            Telemetry.withOpenTelemetry("replayer", sdk)
                                .workerInterceptors()
                                .toArray(WorkerInterceptor[]::new))
                        .build())
                .build())) {
      Worker worker = replayer.newWorker("replay");
      worker.registerWorkflowImplementationTypes(PipelineWorkflowImpl.class);
      for (int i = 0; i < 3; i++) {
        WorkflowReplayer.replayWorkflowExecution(history, worker);
      }
    }

    List<SpanData> after = traceOf(traceId);
    assertThat(count(after, RUN_WORKFLOW)).as("replays that ran").isEqualTo(runs + 3);
    assertThat(perStepCounts(after)).isEqualTo(perStepCounts(before));
    assertThat(perStepCounts(before))
        .containsExactlyInAnyOrderEntriesOf(
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
                1L,
                "POST",
                1L));
  }

  @Test
  void agentLoop_isOneInvokeAgentSpanOverItsTurnsAndToolCalls_evenWhenEveryTaskReplays() {
    ApiTestClient api = new ApiTestClient(APP.getLocalPort());
    Reply started =
        api.post(
            "/api/v1/pipelines/traced-loop/runs", OPERATOR, "{\"input\": {\"topic\": \"agents\"}}");
    assertThat(started.status()).as(String.valueOf(started.body())).isEqualTo(201);
    String traceId = started.raw().headers().firstValue("X-Trace-Id").orElseThrow();
    String id = started.body().path("workflowId").asText();
    api.await("/api/v1/runs/" + id, run -> run.path("status").asText().equals("succeeded"), WAIT);

    List<SpanData> trace =
        awaitTrace(traceId, t -> count(t, "invoke_agent research") >= 1 && hasGenAi(t, "chat", 2));

    SpanData loop = only(trace, "invoke_agent research");
    assertThat(parentOf(loop, trace).getName()).isEqualTo("RunActivity:agenthub.invoke_agent");
    assertThat(attribute(loop, "gen_ai.operation.name")).isEqualTo("invoke_agent");
    assertThat(loop.getAttributes().get(AttributeKey.longKey("agenthub.agent.turns")))
        .isEqualTo(2L);
    List<SpanData> children =
        trace.stream()
            .filter(
                s ->
                    Set.of("chat", "execute_tool")
                        .contains(String.valueOf(attribute(s, "gen_ai.operation.name"))))
            .toList();
    assertThat(children)
        .extracting(SpanData::getName)
        .containsExactlyInAnyOrder("chat sim-small", "chat sim-small", "execute_tool shape");
    assertThat(children).allSatisfy(c -> assertThat(parentOf(c, trace)).isEqualTo(loop));
    assertThat(loop.getStartEpochNanos())
        .isLessThanOrEqualTo(
            children.stream().mapToLong(SpanData::getStartEpochNanos).min().orElseThrow());
  }

  private static boolean hasGenAi(List<SpanData> trace, String operation, int count) {
    return trace.stream()
            .filter(s -> operation.equals(attribute(s, "gen_ai.operation.name")))
            .count()
        >= count;
  }

  /** Span counts by name, without the one a replay legitimately adds (RunWorkflow). */
  private static Map<String, Long> perStepCounts(List<SpanData> trace) {
    Map<String, Long> counts = countsByName(trace);
    counts.remove(RUN_WORKFLOW);
    return counts;
  }

  private static Reply startRun(ApiTestClient api, String pipeline) {
    Reply started =
        api.post(
            "/api/v1/pipelines/" + pipeline + "/runs",
            OPERATOR,
            "{\"input\": {\"url\": \""
                + remote.url("/remote").toString().replaceAll("/$", "")
                + "\"}}");
    assertThat(started.status()).as(String.valueOf(started.body())).isEqualTo(201);
    return started;
  }

  private static boolean hasAll(List<SpanData> trace) {
    return count(trace, SERVER_SPAN) == 1
        && count(trace, "RunActivity:http") >= 3
        && count(trace, "RunActivity:llm") >= 1
        && trace.stream().filter(s -> s.getKind() == SpanKind.CLIENT).count() >= 5
        && count(trace, RUN_WORKFLOW) >= 1;
  }

  private static List<SpanData> awaitTrace(String traceId, Predicate<List<SpanData>> complete) {
    try {
      return Poll.until("the whole trace " + traceId, WAIT, () -> traceOf(traceId), complete);
    } catch (AssertionError e) {
      throw new AssertionError("trace incomplete: " + countsByName(traceOf(traceId)), e);
    }
  }

  private static List<SpanData> traceOf(String traceId) {
    return spans.getFinishedSpanItems().stream()
        .filter(s -> s.getTraceId().equals(traceId))
        .toList();
  }

  private static Map<String, Long> countsByName(List<SpanData> trace) {
    return new java.util.TreeMap<>(
        trace.stream().collect(Collectors.groupingBy(SpanData::getName, Collectors.counting())));
  }

  private static long count(List<SpanData> trace, String name) {
    return trace.stream().filter(s -> s.getName().equals(name)).count();
  }

  private static SpanData only(List<SpanData> trace, String name) {
    List<SpanData> named = trace.stream().filter(s -> s.getName().equals(name)).toList();
    assertThat(named).as(name).hasSize(1);
    return named.get(0);
  }

  private static SpanData parentOf(SpanData span, List<SpanData> trace) {
    return trace.stream()
        .filter(s -> s.getSpanId().equals(span.getParentSpanId()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no parent in the trace for " + span.getName()));
  }

  private static List<SpanData> childrenOf(SpanData span, List<SpanData> trace) {
    return trace.stream().filter(s -> s.getParentSpanId().equals(span.getSpanId())).toList();
  }

  private static String attribute(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.stringKey(key));
  }

  private static MockWebServer startedRemote() {
    MockWebServer server = new MockWebServer();
    server.setDispatcher(backends);
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return server;
  }
}
