package dev.agenthub.run;

import static dev.agenthub.run.TestPipelines.agent;
import static dev.agenthub.run.TestPipelines.continueOnError;
import static dev.agenthub.run.TestPipelines.json;
import static dev.agenthub.run.TestPipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.cost.Price;
import dev.agenthub.dsl.PipelineDefinition;
import io.temporal.failure.ApplicationFailure;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A retry as the API builds it ({@link RetryPlan} over the failed run's succeeded steps and spend)
 * run by the interpreter: what it reuses, and what its budget counts.
 */
class RetryWorkflowTest {

  /** Output at $1,000 per million tokens: 100 tokens cost $0.10; prompts are free. */
  private static final Map<String, Price> PRICES =
      Map.of("sim-small", new Price("sim-small", 0, 1_000, LocalDate.of(2026, 1, 1)));

  private final InterpreterFixture fixture = new InterpreterFixture();

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  /** The input {@code RunRestarts} gives the retry of {@code failedId}. */
  private PipelineRunInput retryOf(String failedId, PipelineRunInput original) {
    Map<String, StepProgress> succeeded = fixture.existingRun(failedId).succeededSteps();
    return new PipelineRunInput(
        original.pipeline(),
        original.input(),
        RetryPlan.reusableSteps(original.pipeline(), succeeded),
        original.budgetUsd(),
        failedId,
        original.prices(),
        original.agents(),
        RetryPlan.spentUsd(original.priorSpendUsd(), succeeded.values()));
  }

  @Test
  void retry_runsAgainEveryStepDownstreamOfAFailedContinueStep_andReusesTheRest() {
    PipelineDefinition pipeline =
        pipeline(
            continueOnError(agent("lookup", "broken", "{}")),
            agent("summary", "echo", "{\"seen\": \"${{ steps.lookup.status }}\"}", "lookup"),
            agent("polish", "echo", "{}", "summary"),
            agent("outline", "echo", "{}"),
            agent("draft", "echo", "{}", "outline"),
            agent("publish", "broken", "{}", "polish", "draft"));
    PipelineRunInput original = PipelineRunInput.of(pipeline, json("{}"));
    fixture.failureOf("retry-dag", original);
    assertThat(fixture.agents.calls("summary")).isEqualTo(1);

    PipelineRunInput retry = retryOf("retry-dag", original);
    fixture.failureOf("retry-dag.retry", retry);

    assertThat(retry.reusedSteps()).containsOnlyKeys("outline", "draft");
    assertThat(fixture.agents.calls("outline")).isEqualTo(1);
    assertThat(fixture.agents.calls("draft")).isEqualTo(1);
    assertThat(fixture.agents.calls("lookup")).isEqualTo(2);
    assertThat(fixture.agents.calls("summary")).isEqualTo(2);
    assertThat(fixture.agents.calls("polish")).isEqualTo(2);
  }

  @Test
  void retry_countsWhatTheFailedRunSpent_againstTheBudget() {
    PipelineDefinition pipeline =
        pipeline(
            agent(
                "research",
                "llm",
                "{\"model\": \"sim-small\", \"prompt\": \"p\","
                    + " \"max_tokens\": 100, \"costUsd\": 0.10}"),
            agent("review", "broken", "{}", "research"),
            agent(
                "rewrite",
                "llm",
                "{\"model\": \"sim-small\", \"prompt\": \"p\","
                    + " \"max_tokens\": 100, \"costUsd\": 0.10}",
                "review"));
    PipelineRunInput original =
        new PipelineRunInput(pipeline, json("{}"), Map.of(), 0.25, null, PRICES);
    fixture.failureOf("retry-budget", original);

    PipelineRunInput first = retryOf("retry-budget", original);
    ApplicationFailure firstRetry = fixture.failureOf("retry-budget.retry", first);
    PipelineRunInput second = retryOf("retry-budget.retry", first);
    ApplicationFailure secondRetry = fixture.failureOf("retry-budget.retry.retry", second);

    assertThat(first.priorSpendUsd()).isEqualTo(0.10);
    assertThat(firstRetry.getType()).isEqualTo(FailureTypes.STEP_FAILED);
    assertThat(fixture.agents.calls("research")).isEqualTo(1);
    assertThat(second.priorSpendUsd()).isEqualTo(0.10);
    assertThat(secondRetry.getType()).isEqualTo(FailureTypes.STEP_FAILED);
    assertThat(fixture.agents.calls("review")).isEqualTo(3);
  }

  @Test
  void retriedRun_withEarlierSpend_stopsBeforeAStepItCanNoLongerAfford() {
    PipelineDefinition pipeline =
        pipeline(
            agent(
                "rewrite",
                "llm",
                "{\"model\": \"sim-small\", \"prompt\": \"p\"," + " \"max_tokens\": 100}"));
    PipelineRunInput fresh =
        new PipelineRunInput(pipeline, json("{}"), Map.of(), 0.25, null, PRICES);
    PipelineRunInput retried =
        new PipelineRunInput(pipeline, json("{}"), Map.of(), 0.25, "run-1", PRICES, Map.of(), 0.20);

    fixture.run("afford-fresh", fresh);
    ApplicationFailure failure = fixture.failureOf("afford-retried", retried);

    assertThat(failure.getType()).isEqualTo(FailureTypes.BUDGET_EXCEEDED);
    assertThat(failure.getOriginalMessage())
        .contains("spent $0.200000 + reserved $0.000000 + this step's worst case $0.100000");
    assertThat(fixture.agents.calls("rewrite")).isEqualTo(1);
  }

  @Test
  void llmStepWithAnUnpricedModel_doesNotStart_underABudget() {
    PipelineDefinition pipeline =
        pipeline(agent("draft", "llm", "{\"model\": \"gpt-unpriced\", \"prompt\": \"p\"}"));
    PipelineRunInput input =
        new PipelineRunInput(pipeline, json("{}"), Map.of(), 5.0, null, PRICES);

    ApplicationFailure failure = fixture.failureOf("unpriced", input);

    assertThat(failure.getOriginalMessage())
        .startsWith("step \"draft\" failed: UnpricedModel: not started: model \"gpt-unpriced\"");
    assertThat(fixture.agents.calls("draft")).isZero();
  }
}
