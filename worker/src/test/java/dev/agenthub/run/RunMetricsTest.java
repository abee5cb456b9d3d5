package dev.agenthub.run;

import static dev.agenthub.run.TestPipelines.agent;
import static dev.agenthub.run.TestPipelines.json;
import static dev.agenthub.run.TestPipelines.pipeline;
import static dev.agenthub.run.TestPipelines.sleep;
import static dev.agenthub.run.TestPipelines.withRetry;
import static dev.agenthub.run.TestPipelines.withTimeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.uber.m3.tally.Scope;
import dev.agenthub.cost.Price;
import dev.agenthub.dsl.AgentLoopDefinition;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.StepDefinition;
import dev.agenthub.dsl.StepType;
import dev.agenthub.dsl.ToolDefinition;
import dev.agenthub.telemetry.Metrics;
import dev.agenthub.telemetry.Telemetry;
import dev.agenthub.testing.Poll;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.opentracingshim.OpenTracingShim;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.prometheus.metrics.tracer.otel.OpenTelemetrySpanContext;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.opentracing.OpenTracingOptions;
import io.temporal.opentracing.OpenTracingWorkerInterceptor;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The interpreter's metrics as a scrape shows them: counted once however often workflow code
 * replays, labelled with our label sets only, and carrying trace exemplars when a span is current.
 */
class RunMetricsTest {

  private static final String QUEUE = "metrics-queue";

  private TestWorkflowEnvironment env;
  private Scope scope;
  private PrometheusMeterRegistry registry;
  private OpenTelemetrySdk openTelemetry;

  @AfterEach
  void tearDown() throws Exception {
    env.close();
    scope.close();
    if (openTelemetry != null) {
      openTelemetry.close();
    }
  }

  private WorkflowClient start(int cacheSize, WorkerInterceptor... interceptors) {
    registry = Metrics.newRegistry(new OpenTelemetrySpanContext(), true);
    scope = Telemetry.newTemporalMetricsScope(registry, Duration.ofMillis(100));
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setMetricsScope(scope)
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkflowCacheSize(cacheSize)
                        .setWorkerInterceptors(interceptors)
                        .build())
                .build());
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(PipelineWorkflowImpl.class);
    worker.registerActivitiesImplementations(new ScriptedAgents());
    env.start();
    return env.getWorkflowClient();
  }

  private static void run(WorkflowClient client, String id, PipelineDefinition pipeline) {
    client
        .newWorkflowStub(
            PipelineWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build())
        .run(PipelineRunInput.of(pipeline, json("{\"topic\": \"secret-input-value\"}")));
  }

  private static PipelineDefinition namedPipeline(String name, PipelineDefinition definition) {
    return new PipelineDefinition(
        name,
        definition.version(),
        definition.description(),
        definition.input(),
        definition.steps(),
        definition.budget(),
        definition.timeout(),
        definition.output());
  }

  @Test
  void agentLoop_countsToolCallsByToolAndStatus_withoutCallIds() {
    WorkflowClient client = start(0);
    StepDefinition loop =
        new StepDefinition(
            "research",
            StepType.AGENT,
            "llm",
            json("{\"prompt\": \"hi\"}"),
            List.of(),
            null,
            null,
            null,
            null,
            null,
            null,
            new AgentLoopDefinition(
                List.of(
                    new ToolDefinition(
                        "lookup",
                        null,
                        "echo",
                        null,
                        null,
                        json("{\"type\": \"object\"}"),
                        false,
                        null,
                        null)),
                AgentLoopDefinition.DEFAULT_MAX_TURNS,
                null,
                null,
                null,
                AgentLoopDefinition.DEFAULT_MAX_TRANSCRIPT_BYTES));

    run(client, "loop-run", namedPipeline("looping", pipeline(loop)));

    String scrape =
        awaitScrape(s -> value(s, "agenthub_agent_tool_calls_total", "tool=\"lookup\"") >= 1);
    assertThat(
            value(
                scrape,
                "agenthub_agent_tool_calls_total",
                "pipeline=\"looping\",status=\"succeeded\",step=\"research\",tool=\"lookup\""))
        .isEqualTo(1);
    assertThat(scrape).doesNotContain("call_1");
  }

  @Test
  void counters_areCountedOnce_whenEveryWorkflowTaskReplaysFromHistory() {
    WorkflowClient client = start(0);
    PipelineDefinition pipeline =
        namedPipeline(
            "replayed",
            pipeline(
                agent("a", "echo", "{}"),
                withRetry(agent("b", "flaky", "{\"failures\": 2}", "a"), 3),
                sleep("c", "1s", "b"),
                agent("d", "echo", "{}", "c")));

    run(client, "replay-run-1", pipeline);
    run(client, "replay-run-2", pipeline);

    // The scope reports each sub-scope in turn, once a second: a report round can catch a run's
    // completion but leave its retries to the next round. Wait until every series read is in.
    String scrape =
        awaitScrape(
            s ->
                value(s, "agenthub_pipeline_runs_completed_total", "") >= 2
                    && value(
                            s,
                            "agenthub_step_retries_total",
                            "agent=\"flaky\",pipeline=\"replayed\",step=\"b\"")
                        >= 4
                    && value(s, "agenthub_step_duration_seconds_count", "step=\"c\"") >= 2
                    && value(s, "agenthub_pipeline_run_duration_seconds_count", "") >= 2);
    assertThat(value(scrape, "agenthub_pipeline_runs_started_total", "pipeline=\"replayed\""))
        .isEqualTo(2);
    assertThat(
            value(
                scrape,
                "agenthub_pipeline_runs_completed_total",
                "pipeline=\"replayed\",status=\"succeeded\""))
        .isEqualTo(2);
    assertThat(
            value(
                scrape,
                "agenthub_step_retries_total",
                "agent=\"flaky\",pipeline=\"replayed\",step=\"b\""))
        .isEqualTo(4);
    assertThat(value(scrape, "agenthub_step_duration_seconds_count", "step=\"a\"")).isEqualTo(2);
    assertThat(value(scrape, "agenthub_step_duration_seconds_count", "step=\"c\"")).isEqualTo(2);
    assertThat(value(scrape, "agenthub_pipeline_run_duration_seconds_count", "")).isEqualTo(2);
    // Proof that workflow code really replayed: the SDK timed its replays.
    assertThat(value(scrape, "temporal_workflow_task_replay_latency_seconds_count", ""))
        .isPositive();
  }

  @Test
  void timedOutRun_isCountedWithStatusTimedOut() {
    WorkflowClient client = start(600);
    PipelineDefinition pipeline =
        namedPipeline("slow", withTimeout(pipeline(sleep("pause", "1h")), "1m"));

    assertThatThrownBy(() -> run(client, "timed-out-run", pipeline))
        .isInstanceOf(WorkflowFailedException.class);

    String scrape = awaitScrape(s -> value(s, "agenthub_pipeline_runs_completed_total", "") >= 1);
    assertThat(series(scrape, "agenthub_pipeline_runs_completed_total"))
        .containsExactly(
            "agenthub_pipeline_runs_completed_total{pipeline=\"slow\",status=\"timed_out\"}");
  }

  @Test
  void failedCancelledAndBudgetStoppedRuns_areCountedWithTheirStatus() {
    WorkflowClient client = start(600);
    assertThatThrownBy(
            () ->
                run(
                    client,
                    "failed-run",
                    namedPipeline("fails", pipeline(agent("a", "broken", "{}")))))
        .isInstanceOf(WorkflowFailedException.class);
    PipelineDefinition dear =
        namedPipeline(
            "dear", pipeline(agent("a", "llm", "{\"model\": \"per-token\", \"max_tokens\": 5}")));
    Map<String, Price> prices =
        Map.of("per-token", new Price("per-token", 0, 1_000_000, LocalDate.of(2025, 1, 1)));
    assertThatThrownBy(
            () ->
                stub(client, "budget-run")
                    .run(new PipelineRunInput(dear, json("{}"), Map.of(), 1.0, null, prices)))
        .isInstanceOf(WorkflowFailedException.class);
    PipelineWorkflow waiting = stub(client, "cancelled-run");
    WorkflowClient.start(
        waiting::run,
        PipelineRunInput.of(namedPipeline("waits", pipeline(sleep("pause", "1h"))), json("{}")));
    Poll.until(
        "the run to be sleeping",
        Duration.ofSeconds(20),
        waiting::progress,
        p -> p != null && p.steps().get(0).status() == StepStatus.RUNNING);
    WorkflowStub.fromTyped(waiting).cancel();

    String scrape = awaitScrape(s -> value(s, "agenthub_pipeline_runs_completed_total", "") >= 3);
    assertThat(series(scrape, "agenthub_pipeline_runs_completed_total"))
        .containsExactlyInAnyOrder(
            "agenthub_pipeline_runs_completed_total{pipeline=\"fails\",status=\"failed\"}",
            "agenthub_pipeline_runs_completed_total{pipeline=\"dear\",status=\"budget_exceeded\"}",
            "agenthub_pipeline_runs_completed_total{pipeline=\"waits\",status=\"cancelled\"}");
    assertThat(series(scrape, "agenthub_budget_exceeded_total"))
        .containsExactly("agenthub_budget_exceeded_total{pipeline=\"dear\"}");
  }

  private static PipelineWorkflow stub(WorkflowClient client, String id) {
    return client.newWorkflowStub(
        PipelineWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());
  }

  @Test
  void agentHubMeters_carryOnlyTheirOwnLabels() {
    WorkflowClient client = start(600);

    run(client, "labels-run", namedPipeline("labels", pipeline(agent("a", "echo", "{}"))));

    // The scope reports every 100 ms; a counter first seen during one report may only appear in
    // the next, so wait for every series this test reads.
    String scrape =
        awaitScrape(
            s ->
                value(s, "agenthub_pipeline_runs_started_total", "") >= 1
                    && value(s, "agenthub_pipeline_runs_completed_total", "") >= 1
                    && value(s, "agenthub_step_duration_seconds_count", "") >= 1);
    assertThat(series(scrape, "agenthub_pipeline_runs_started_total"))
        .containsExactly("agenthub_pipeline_runs_started_total{pipeline=\"labels\"}");
    assertThat(series(scrape, "agenthub_pipeline_runs_completed_total"))
        .containsExactly(
            "agenthub_pipeline_runs_completed_total{pipeline=\"labels\",status=\"succeeded\"}");
    assertThat(series(scrape, "agenthub_step_duration_seconds_count"))
        .containsExactly(
            "agenthub_step_duration_seconds_count"
                + "{agent=\"echo\",pipeline=\"labels\",status=\"succeeded\",step=\"a\"}");
    assertThat(scrape).doesNotContain("labels-run").doesNotContain("secret-input-value");
    // Our histograms have our buckets (10 + Inf), not Temporal's ~70.
    assertThat(series(scrape, "agenthub_pipeline_run_duration_seconds_bucket")).hasSize(11);
  }

  @Test
  void openMetricsScrape_hasTraceIdExemplar_onRunDuration_whenASpanIsCurrent() {
    openTelemetry =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                // Without a span processor the SDK hands out no-op tracers (invalid spans).
                SdkTracerProvider.builder()
                    .setSampler(Sampler.alwaysOn())
                    .addSpanProcessor(SimpleSpanProcessor.create(new DiscardingExporter()))
                    .build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    WorkerInterceptor tracing =
        new OpenTracingWorkerInterceptor(
            OpenTracingOptions.newBuilder()
                .setTracer(OpenTracingShim.createTracerShim(openTelemetry))
                .build());
    WorkflowClient client = start(600, tracing);

    run(client, "traced-run", namedPipeline("traced", pipeline(agent("a", "echo", "{}"))));

    String scrape = awaitScrape(s -> value(s, "agenthub_pipeline_runs_completed_total", "") >= 1);
    String openMetrics = Metrics.scrape(registry, Metrics.OPENMETRICS_MEDIA_TYPE).body();
    Pattern exemplar =
        Pattern.compile(
            "(?m)^agenthub_pipeline_run_duration_seconds_bucket\\{[^}]*} 1(\\.0)? # \\{[^}]*"
                + "trace_id=\"[0-9a-f]{32}\"");
    assertThat(scrape).doesNotContain("trace_id");
    assertThat(openMetrics).containsPattern(exemplar);
    // OpenMetrics allows exemplars on buckets and counters only; Prometheus rejects the rest.
    assertThat(openMetrics).doesNotContainPattern("(?m)^\\S+_(count|sum|max)\\{[^}]*} \\S+ # \\{");
  }

  /** Ends spans nowhere: the test needs spans to be real, not exported. */
  private static final class DiscardingExporter implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  private String awaitScrape(java.util.function.Predicate<String> condition) {
    return Poll.until(
        "the scrape to show the series", Duration.ofSeconds(20), registry::scrape, condition);
  }

  /** The series (name and labels) of {@code name} in a text scrape. */
  static List<String> series(String scrape, String name) {
    return scrape
        .lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .map(line -> line.substring(0, line.lastIndexOf(' ')))
        .toList();
  }

  /** The sum of the series of {@code name} whose labels contain {@code labels}. */
  static double value(String scrape, String name, String labels) {
    double sum = 0;
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)").matcher(scrape);
    while (m.find()) {
      String found = m.group(1) == null ? "" : m.group(1);
      if (found.contains(labels)) {
        sum += Double.parseDouble(m.group(2));
      }
    }
    return sum;
  }
}
