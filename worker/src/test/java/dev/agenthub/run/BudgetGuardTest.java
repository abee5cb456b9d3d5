package dev.agenthub.run;

import static dev.agenthub.run.TestPipelines.agent;
import static dev.agenthub.run.TestPipelines.json;
import static dev.agenthub.run.TestPipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.agenthub.cost.Price;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BudgetGuardTest {

  /** $1 per completion token, prompts free: a step's worst case is its {@code max_tokens}. */
  private static final Map<String, Price> PRICES =
      Map.of(
          "per-token", new Price("per-token", 0, 1_000_000, LocalDate.of(2025, 1, 1)),
          "dear", new Price("dear", 0, 3_000_000, LocalDate.of(2025, 1, 1)));

  private static BudgetGuard guard(double limitUsd) {
    return BudgetGuard.of(
            new PipelineRunInput(
                pipeline(agent("a", "llm", "{}")), json("{}"), Map.of(), limitUsd, null, PRICES))
        .orElseThrow();
  }

  @Test
  void of_runWithoutBudget_hasNoGuard() {
    assertThat(BudgetGuard.of(PipelineRunInput.of(pipeline(agent("a", "llm", "{}")), json("{}"))))
        .isEmpty();
  }

  @Test
  void worstCaseUsd_llm_isMaxTokensAtTheModelsPrice() {
    assertThat(guard(10).worstCaseUsd("llm", json("{\"model\": \"per-token\", \"max_tokens\": 4}")))
        .isCloseTo(4.0, within(1e-9));
  }

  @Test
  void worstCaseUsd_llmWithoutModel_isPricedAtTheDearestModel() {
    assertThat(guard(10).worstCaseUsd("llm", json("{\"max_tokens\": 2}")))
        .isCloseTo(6.0, within(1e-9));
  }

  @Test
  void worstCaseUsd_nonTextModel_isPricedAtTheDearestModel() {
    assertThat(guard(10).worstCaseUsd("llm", json("{\"model\": 7, \"max_tokens\": 2}")))
        .isCloseTo(6.0, within(1e-9));
  }

  @Test
  void worstCaseUsd_otherAgents_isZero() {
    assertThat(guard(10).worstCaseUsd("http", json("{\"model\": \"dear\", \"max_tokens\": 9}")))
        .isZero();
  }

  @Test
  void admit_exactlyTheBudget_isAdmitted() {
    assertThat(guard(3).admit("a", 1, 2)).isEmpty();
  }

  @Test
  void admit_overTheBudget_isRefusedWithTheSum() {
    Optional<StepError> refusal = guard(3).admit("a", 1.5, 2);

    assertThat(refusal).isPresent();
    assertThat(refusal.get().type()).isEqualTo(FailureTypes.BUDGET_EXCEEDED);
    assertThat(refusal.get().message())
        .isEqualTo(
            "not started: spent $2.000000 + reserved $0.000000 + this step's worst case"
                + " $1.500000 exceeds the budget of $3.000000");
  }

  @Test
  void admit_countsTheWorstCasesOfAdmittedSteps_untilReleased() {
    BudgetGuard guard = guard(3);
    assertThat(guard.admit("a", 1, 0)).isEmpty();
    assertThat(guard.admit("b", 1, 0)).isEmpty();

    Optional<StepError> refusal = guard.admit("c", 1.5, 0);

    assertThat(refusal).isPresent();
    assertThat(refusal.get().message()).contains("reserved $2.000000");
    guard.release("a");
    assertThat(guard.admit("c", 1.5, 0)).isEmpty();
  }
}
