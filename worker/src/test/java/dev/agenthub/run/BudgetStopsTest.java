package dev.agenthub.run;

import static dev.agenthub.run.InterpreterFixture.step;
import static dev.agenthub.run.TestPipelines.agent;
import static dev.agenthub.run.TestPipelines.json;
import static dev.agenthub.run.TestPipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.agenthub.cost.Price;
import dev.agenthub.dsl.PipelineDefinition;
import io.temporal.failure.ApplicationFailure;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The budget guard inside whole runs: refusals, what they cancel, and retries of a stopped run. */
class BudgetStopsTest {

  /** $1 per completion token, prompts free: an {@code llm} step's worst case is its max_tokens. */
  private static final Map<String, Price> PRICES =
      Map.of("per-token", new Price("per-token", 0, 1_000_000, LocalDate.of(2025, 1, 1)));

  private final InterpreterFixture fixture = new InterpreterFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  private static PipelineRunInput withBudget(PipelineDefinition pipeline, double budgetUsd) {
    return new PipelineRunInput(pipeline, json("{}"), Map.of(), budgetUsd, null, PRICES);
  }

  @Test
  void refusedStep_cancelsTheAdmittedStepsStillRunning() {
    PipelineDefinition pipeline =
        pipeline(
            agent(
                "cheap", "llm", "{\"model\": \"per-token\", \"max_tokens\": 1, \"millis\": 20000}"),
            agent("dear", "llm", "{\"model\": \"per-token\", \"max_tokens\": 5}"));

    ApplicationFailure failure = fixture.failureOf("refusal", withBudget(pipeline, 3));

    assertThat(failure.getType()).isEqualTo(FailureTypes.BUDGET_EXCEEDED);
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "step \"dear\" not started: spent $0.000000 + reserved $1.000000 + this step's"
                + " worst case $5.000000 exceeds the budget of $3.000000");
    RunProgress progress = failure.getDetails().get(RunProgress.class);
    assertThat(progress.failedStep()).isEqualTo("dear");
    assertThat(step(progress, "dear").status()).isEqualTo(StepStatus.FAILED);
    assertThat(step(progress, "dear").startedAt())
        .as("the refused step was reached: started and ended at once")
        .isNotNull()
        .isEqualTo(step(progress, "dear").endedAt());
    assertThat(step(progress, "cheap").status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(fixture.agents.calls("dear")).isZero();
  }

  @Test
  void settledStep_releasesItsReservation_soTheStepAfterItFits() {
    // Each worst case is $2 of a $3 budget: the second fits only once the first's is released
    // (what it really spent, $0.50, counts instead).
    PipelineDefinition pipeline =
        pipeline(
            agent(
                "outline",
                "llm",
                "{\"model\": \"per-token\", \"max_tokens\": 2, \"costUsd\": 0.5}"),
            agent(
                "write",
                "llm",
                "{\"model\": \"per-token\", \"max_tokens\": 2, \"costUsd\": 0.5}",
                "outline"));

    PipelineRunResult result = fixture.run("released", withBudget(pipeline, 3));

    assertThat(step(result, "write").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(result.usage().costUsd()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void argumentsThatCannotBeEvaluated_failTheStepNotTheBudget() {
    PipelineDefinition pipeline =
        pipeline(
            agent(
                "draft",
                "llm",
                "{\"model\": \"per-token\", \"prompt\": \"${{ input.missing.deep }}\"}"));

    ApplicationFailure failure = fixture.failureOf("unevaluable", withBudget(pipeline, 3));

    assertThat(failure.getType()).isEqualTo(FailureTypes.STEP_FAILED);
    assertThat(failure.getOriginalMessage())
        .startsWith("step \"draft\" failed: ExpressionError: expression `input.missing.deep`");
    assertThat(fixture.agents.calls("draft")).isZero();
  }

  @Test
  void retryOfABudgetStoppedRun_reusesWhatSucceeded_andCountsOnlyItsOwnSpend() {
    PipelineDefinition pipeline =
        pipeline(
            agent(
                "outline", "llm", "{\"model\": \"per-token\", \"max_tokens\": 2, \"costUsd\": 2}"),
            agent(
                "write",
                "llm",
                "{\"model\": \"per-token\", \"max_tokens\": 2, \"costUsd\": 1}",
                "outline"));
    ApplicationFailure stopped = fixture.failureOf("stopped", withBudget(pipeline, 3));
    assertThat(stopped.getType()).isEqualTo(FailureTypes.BUDGET_EXCEEDED);
    RunProgress first = stopped.getDetails().get(RunProgress.class);
    assertThat(step(first, "outline").status()).isEqualTo(StepStatus.SUCCEEDED);

    PipelineRunInput retry =
        new PipelineRunInput(
            pipeline,
            json("{}"),
            Map.of("outline", step(first, "outline")),
            3.0,
            "stopped",
            PRICES);
    PipelineRunResult result = fixture.run("stopped.retry", retry);

    assertThat(step(result, "outline").reused()).isTrue();
    assertThat(step(result, "write").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(fixture.agents.calls("outline")).isEqualTo(1);
    assertThat(fixture.agents.calls("write")).isEqualTo(1);
    assertThat(result.usage().costUsd()).isCloseTo(1.0, within(1e-9));
  }
}
