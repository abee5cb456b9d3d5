package dev.agenthub.api.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.api.errors.ApiException;
import dev.agenthub.api.errors.RunServiceErrors;
import dev.agenthub.cost.PriceTable;
import dev.agenthub.devkit.LocalTemporal;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.PipelineLoader;
import dev.agenthub.run.StepStatus;
import dev.agenthub.system.DevConfigurations;
import dev.agenthub.system.TestPorts;
import dev.agenthub.telemetry.Telemetry;
import dev.agenthub.temporal.TemporalSettings;
import dev.agenthub.testing.Poll;
import dev.agenthub.worker.WorkerSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Metrics and budgets end to end: the API starts runs on an embedded Temporal server whose worker
 * keeps no workflow cache (every workflow task replays the run from its history), and the process's
 * one registry is scraped as Prometheus would.
 */
class MetricsAndBudgetIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final String SECRET_TOPIC = "topic-value-that-must-not-be-a-label";
  // Each run of the known workload on sim-large: "first" 13 in / 63 out, "second" 66 in / 48 out.
  private static final long INPUT_TOKENS_PER_RUN = 13 + 66;
  private static final long OUTPUT_TOKENS_PER_RUN = 63 + 48;

  private static Telemetry telemetry;
  private static LocalTemporal engine;
  private static TemporalRunService runs;

  @BeforeAll
  static void startTemporal() throws Exception {
    TemporalSettings settings =
        TemporalSettings.defaults().withTarget("127.0.0.1:" + TestPorts.free());
    telemetry = Telemetry.withoutTracing("test");
    engine =
        LocalTemporal.start(
            DevConfigurations.of(settings, new WorkerSettings(null, null, 0, null)),
            true,
            telemetry);
    runs =
        new TemporalRunService(
            engine.client(),
            settings.taskQueue(),
            Listing.SCAN,
            PriceTable.loadDefault(),
            telemetry.meterRegistry());
  }

  @AfterAll
  static void stopTemporal() {
    engine.close();
    telemetry.close();
  }

  @Test
  void knownWorkload_givesExactCostAndTokenCounters_andIdFreeLabels() {
    // sim-large is this test's alone: the gen_ai series carry no pipeline label, and other tests
    // call sim-small in the same registry.
    PipelineDefinition pipeline = twoLlmSteps("metrics-workload", "sim-large", null);
    List<RunView> done = new ArrayList<>();
    Set<String> forbidden = new HashSet<>(Set.of(SECRET_TOPIC));
    for (int i = 0; i < 3; i++) {
      RunStarted started =
          runs.start(
              pipeline,
              json("{\"topic\": \"" + SECRET_TOPIC + "\", \"n\": " + i + "}"),
              null,
              null,
              null);
      forbidden.add(started.workflowId());
      forbidden.add(started.runId());
      done.add(awaitStatus(started.workflowId(), "succeeded"));
    }

    // Temporal's metrics scope reports once a second: wait for the series this test reads.
    String scrape =
        awaitScrape(
            s ->
                value(s, "agenthub_pipeline_runs_completed_total", "metrics-workload") >= 3
                    && value(s, "agenthub_pipeline_runs_started_total", "metrics-workload") >= 3
                    && s.contains("temporal_workflow_completed_total{")
                    && s.contains("temporal_activity_execution_latency_seconds_bucket{")
                    && s.contains("temporal_worker_task_slots_available{")
                    && s.contains("temporal_request_total{"));
    // The simulated model answers the same prompts with the same text, so every run uses the same
    // tokens; sim-large costs $5.00 per million input and $15.00 per million output tokens
    // (pricing.yml). The expected dollars are worked out here, not by the code under test.
    assertThat(done)
        .allSatisfy(
            r -> {
              assertThat(r.usage().inputTokens()).isEqualTo(INPUT_TOKENS_PER_RUN);
              assertThat(r.usage().outputTokens()).isEqualTo(OUTPUT_TOKENS_PER_RUN);
            });
    long input = 3 * INPUT_TOKENS_PER_RUN;
    long output = 3 * OUTPUT_TOKENS_PER_RUN;
    double dollars = 0.00618; // 3 runs x (79 x $5.00 + 111 x $15.00) / 1M tokens
    assertThat(done.stream().mapToDouble(r -> r.usage().costUsd()).sum())
        .isCloseTo(dollars, within(1e-12));
    String labels = "agent=\"llm\",model=\"sim-large\",pipeline=\"metrics-workload\"";
    assertThat(value(scrape, "agenthub_agent_cost_usd_total", labels))
        .isCloseTo(dollars, within(1e-12));
    assertThat(value(scrape, "agenthub_agent_tokens_total", labels + ",token_type=\"input\""))
        .isEqualTo(input);
    assertThat(value(scrape, "agenthub_agent_tokens_total", labels + ",token_type=\"output\""))
        .isEqualTo(output);
    String genAi = "gen_ai_request_model=\"sim-large\"";
    assertThat(
            value(scrape, "gen_ai_client_token_usage_sum", genAi + ",gen_ai_token_type=\"input\""))
        .isEqualTo(input);
    assertThat(
            value(scrape, "gen_ai_client_token_usage_sum", genAi + ",gen_ai_token_type=\"output\""))
        .isEqualTo(output);
    assertThat(value(scrape, "gen_ai_client_operation_duration_seconds_count", genAi)).isEqualTo(6);
    // Every workflow task replayed the run from history, and still each run counts once.
    assertThat(value(scrape, "agenthub_pipeline_runs_started_total", "metrics-workload"))
        .isEqualTo(3);
    assertThat(
            value(
                scrape,
                "agenthub_pipeline_runs_completed_total",
                "pipeline=\"metrics-workload\",status=\"succeeded\""))
        .isEqualTo(3);
    assertThat(value(scrape, "agenthub_step_duration_seconds_count", "metrics-workload"))
        .isEqualTo(6);
    assertThat(value(scrape, "temporal_workflow_task_replay_latency_seconds_count", ""))
        .isPositive();
    // The Temporal SDK series the dashboards use.
    assertThat(scrape)
        .contains(
            "temporal_workflow_completed_total{",
            "temporal_activity_execution_latency_seconds_bucket{",
            "temporal_workflow_task_schedule_to_start_latency_seconds_bucket{",
            "temporal_worker_task_slots_available{",
            "temporal_request_total{",
            "temporal_request_failure_total{",
            "jvm_memory_used_bytes{",
            "process_uptime_seconds");
    assertThat(labelValues(scrape)).doesNotContainAnyElementsOf(forbidden);
    assertThat(scrape).doesNotContain(SECRET_TOPIC).doesNotContain("http://");
  }

  @Test
  void runBudget_stopsBeforeTheStepItCannotAfford_withBudgetExceeded() {
    // The pipeline allows $1; this run allows $0.001: enough for "first" (worst case ~$0.0002),
    // not for "second" (max_tokens 4000 at sim-small's $1.50/M is $0.006).
    PipelineDefinition pipeline = twoLlmSteps("budget-stop", "sim-small", 1.0);

    RunStarted started = runs.start(pipeline, json("{\"topic\": \"t\"}"), null, 0.001, null);

    RunView failed = awaitStatus(started.workflowId(), "failed");
    assertThat(failed.failure().type()).isEqualTo("BudgetExceeded");
    assertThat(failed.failure().failedStep()).isEqualTo("second");
    assertThat(step(failed, "first").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(step(failed, "second").status()).isEqualTo(StepStatus.FAILED);
    assertThat(step(failed, "second").error().type()).isEqualTo("BudgetExceeded");
    assertThat(step(failed, "second").usage()).isNull();
    assertThat(failed.usage().costUsd()).isPositive().isLessThanOrEqualTo(0.001);
    String scrape =
        awaitScrape(s -> value(s, "agenthub_budget_exceeded_total", "budget-stop") >= 1);
    assertThat(value(scrape, "agenthub_budget_exceeded_total", "pipeline=\"budget-stop\""))
        .isEqualTo(1);
    assertThat(
            value(
                scrape,
                "agenthub_pipeline_runs_completed_total",
                "pipeline=\"budget-stop\",status=\"budget_exceeded\""))
        .isEqualTo(1);
  }

  @Test
  void runBudget_cannotExceedThePipelines() {
    ApiException refused =
        RunServiceErrors.http(
            catchThrowableOfType(
                RunServiceException.class,
                () ->
                    runs.start(
                        twoLlmSteps("budget-cap", "sim-small", 0.01),
                        json("{}"),
                        null,
                        0.02,
                        null)));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.code()).isEqualTo("budget_above_pipeline");
  }

  @Test
  void parallelFanOut_admitsBranchesAgainstReservedWorstCases_andCancelsThemOnRefusal() {
    // Each branch's worst case is ~$0.0015; $0.004 admits two, never the third.
    PipelineDefinition pipeline =
        pipeline(
            """
            name: budget-fanout
            budget: {maxCostUsd: 0.004}
            steps:
              - {id: a, agent: llm, with: %s}
              - {id: b, agent: llm, with: %s}
              - {id: c, agent: llm, with: %s}
            """
                .formatted(branch("a"), branch("b"), branch("c")));

    RunStarted started = runs.start(pipeline, json("{}"), null, null, null);

    RunView failed = awaitStatus(started.workflowId(), "failed");
    assertThat(failed.failure().type()).isEqualTo("BudgetExceeded");
    assertThat(failed.failure().failedStep()).isEqualTo("c");
    StepView refused = step(failed, "c");
    assertThat(refused.status()).isEqualTo(StepStatus.FAILED);
    assertThat(refused.attempts()).isZero();
    assertThat(refused.usage()).isNull();
    // c was refused against a's and b's reserved worst cases, not against their spend (nothing
    // yet): spent 0 + reserved 2 x worst case + its own worst case > $0.004.
    Matcher refusal =
        Pattern.compile(
                "spent \\$([0-9.]+) \\+ reserved \\$([0-9.]+) \\+ this step's worst case \\$([0-9.]+)")
            .matcher(refused.error().message());
    assertThat(refusal.find()).as(refused.error().message()).isTrue();
    double worstCase = Double.parseDouble(refusal.group(3));
    assertThat(worstCase).isBetween(0.0015, 0.0016);
    assertThat(Double.parseDouble(refusal.group(1))).isZero();
    assertThat(Double.parseDouble(refusal.group(2))).isCloseTo(2 * worstCase, within(2e-6));
    // The refusal cancelled the admitted branches before they spent anything.
    for (String admitted : List.of("a", "b")) {
      assertThat(step(failed, admitted).status()).as(admitted).isEqualTo(StepStatus.CANCELLED);
      assertThat(step(failed, admitted).usage()).as(admitted).isNull();
    }
    assertThat(failed.usage().costUsd()).isZero();
  }

  @Test
  void terminatedRuns_areCountedByTheApi() {
    PipelineDefinition pipeline =
        pipeline(
            """
            name: metrics-terminate
            steps:
              - {id: wait, type: approval}
            """);
    RunStarted started = runs.start(pipeline, json("{}"), null, null, null);
    awaitStep(started.workflowId(), "wait", StepStatus.WAITING_APPROVAL);

    runs.terminate(started.workflowId(), "test", "ana");

    String scrape = telemetry.meterRegistry().scrape();
    assertThat(
            value(
                scrape,
                "agenthub_pipeline_runs_completed_total",
                "pipeline=\"metrics-terminate\",status=\"terminated\""))
        .isEqualTo(1);
  }

  private static String branch(String id) {
    return "{provider: simulated, model: sim-small, prompt: \"branch %s\", max_tokens: 1000, latency: 500ms}"
        .formatted(id);
  }

  private static PipelineDefinition twoLlmSteps(String name, String model, Double budget) {
    return pipeline(
        """
        name: %1$s
        %3$s
        steps:
          - id: first
            agent: llm
            with: {provider: simulated, model: %2$s, prompt: "Outline ${{ input.topic }}", max_tokens: 100, latency: 10ms}
          - id: second
            agent: llm
            needs: [first]
            with: {provider: simulated, model: %2$s, prompt: "Expand ${{ steps.first.output.text }}", max_tokens: 4000, latency: 10ms}
        """
            .formatted(name, model, budget == null ? "" : "budget: {maxCostUsd: " + budget + "}"));
  }

  private static PipelineDefinition pipeline(String yaml) {
    return PipelineLoader.parse(yaml, "test.yml", AgentCatalog.builtIn());
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static StepView step(RunView run, String id) {
    return run.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  private static RunView awaitStatus(String workflowId, String status) {
    return await(workflowId, run -> run.status().equals(status));
  }

  private static RunView awaitStep(String workflowId, String stepId, StepStatus status) {
    return await(
        workflowId,
        run -> run.steps().stream().anyMatch(s -> s.id().equals(stepId) && s.status() == status));
  }

  private static RunView await(String workflowId, Predicate<RunView> condition) {
    return Poll.until(
        "run " + workflowId + " to meet the condition",
        DEADLINE,
        () -> runs.describe(workflowId),
        condition);
  }

  private static String awaitScrape(Predicate<String> condition) {
    return Poll.until(
        "the scrape to show the series", DEADLINE, telemetry.meterRegistry()::scrape, condition);
  }

  /** The sum of the series of {@code name} whose label text contains {@code labels}. */
  static double value(String scrape, String name, String labels) {
    double sum = 0;
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)").matcher(scrape);
    while (m.find()) {
      if ((m.group(1) == null ? "" : m.group(1)).contains(labels)) {
        sum += Double.parseDouble(m.group(2));
      }
    }
    return sum;
  }

  /** Every label value in a text scrape. */
  static Set<String> labelValues(String scrape) {
    Set<String> values = new HashSet<>();
    Matcher m =
        Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*=\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(scrape);
    while (m.find()) {
      values.add(m.group(1));
    }
    return values;
  }
}
