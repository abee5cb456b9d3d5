package dev.agenthub.run;

import static dev.agenthub.run.TestPipelines.agent;
import static dev.agenthub.run.TestPipelines.json;
import static dev.agenthub.run.TestPipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.agenthub.cost.Price;
import dev.agenthub.cost.TokenEstimates;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BudgetGuardTest {

  /** Output at $1,000 per million tokens: a thousand tokens cost $1; prompts are free. */
  private static final Map<String, Price> PRICES =
      Map.of("sim-small", new Price("sim-small", 0, 1_000, LocalDate.of(2026, 1, 1)));

  private static BudgetGuard guard(
      double budgetUsd, Double priorSpendUsd, Map<String, Price> prices, boolean strict) {
    PipelineRunInput input =
        new PipelineRunInput(
            pipeline(agent("draft", "llm", "{}")),
            json("{}"),
            Map.of(),
            budgetUsd,
            priorSpendUsd == null ? null : "run-1",
            prices,
            Map.of(),
            priorSpendUsd);
    return BudgetGuard.of(input, strict).orElseThrow();
  }

  /** $1 per completion token, prompts free: a step's worst case is its {@code max_tokens}. */
  private static final Map<String, Price> TOKEN_PRICES =
      Map.of(
          "per-token", new Price("per-token", 0, 1_000_000, LocalDate.of(2025, 1, 1)),
          "dear", new Price("dear", 0, 3_000_000, LocalDate.of(2025, 1, 1)));

  private static BudgetGuard tokenGuard(double limitUsd) {
    return guard(limitUsd, null, TOKEN_PRICES, true);
  }

  @Test
  void admit_countsWhatEarlierAttemptsOfTheRunSpent() {
    String step = "{\"model\": \"sim-small\", \"prompt\": \"p\", \"max_tokens\": 1000}";
    BudgetGuard retried = guard(1.5, 1.0, PRICES, true);
    BudgetGuard fresh = guard(1.5, null, PRICES, true);

    double worstCase = retried.worstCaseUsd("llm", json(step));

    assertThat(worstCase).isEqualTo(1.0);
    assertThat(fresh.admit("draft", worstCase, 0)).isEmpty();
    assertThat(retried.admit("draft", worstCase, 0))
        .hasValueSatisfying(
            refusal -> {
              assertThat(refusal.type()).isEqualTo(FailureTypes.BUDGET_EXCEEDED);
              assertThat(refusal.message()).startsWith("not started: spent $1.000000");
            });
  }

  @Test
  void admit_addsThisRunsSpendToTheEarlierAttempts() {
    BudgetGuard retried = guard(1.5, 1.0, PRICES, true);

    assertThat(retried.admit("draft", 0.4, 0)).isEmpty();
    assertThat(retried.admit("review", 0.05, 0.1)).isNotEmpty();
  }

  @Test
  void worstCaseUsd_readsMaxTokensFromANumericText_asTheLlmAgentDoes() {
    String step = "{\"model\": \"sim-small\", \"prompt\": \"p\", \"max_tokens\": \"2000\"}";

    assertThat(guard(10, null, PRICES, true).worstCaseUsd("llm", json(step))).isEqualTo(2.0);
    assertThat(guard(10, null, PRICES, false).worstCaseUsd("llm", json(step)))
        .isEqualTo(TokenEstimates.DEFAULT_MAX_OUTPUT_TOKENS / 1_000.0);
  }

  @Test
  void worstCaseUsd_reservesTheDefaultTheLlmAgentSends_whenTheStepSetsNoMaxTokens() {
    String step = "{\"model\": \"sim-small\", \"prompt\": \"p\"}";

    assertThat(guard(10, null, PRICES, true).worstCaseUsd("llm", json(step)))
        .isEqualTo(TokenEstimates.DEFAULT_MAX_OUTPUT_TOKENS / 1_000.0);
  }

  @Test
  void unpriced_refusesAModelWithoutAPrice_namingIt() {
    String step = "{\"model\": \"gpt-unknown\", \"prompt\": \"p\", \"max_tokens\": 100000}";

    assertThat(guard(10, null, PRICES, true).unpriced("llm", json(step)))
        .hasValueSatisfying(
            refusal -> {
              assertThat(refusal.type()).isEqualTo(FailureTypes.UNPRICED_MODEL);
              assertThat(refusal.message()).contains("model \"gpt-unknown\" has no price");
            });
    assertThat(guard(10, null, PRICES, true).unpriced("llm", json("{\"model\": \"sim-small\"}")))
        .isEmpty();
  }

  @Test
  void unpriced_refusesTheProvidersDefaultModel_whenNoModelHasAPrice() {
    assertThat(guard(10, null, Map.of(), true).unpriced("llm", json("{\"prompt\": \"p\"}")))
        .hasValueSatisfying(r -> assertThat(r.type()).isEqualTo(FailureTypes.UNPRICED_MODEL));
    assertThat(guard(10, null, PRICES, true).unpriced("llm", json("{\"prompt\": \"p\"}")))
        .isEmpty();
  }

  @Test
  void unpriced_admitsEveryModel_forRunsRecordedBeforeTheStrictWorstCase() {
    assertThat(guard(10, null, PRICES, false).unpriced("llm", json("{\"model\": \"gpt-x\"}")))
        .isEmpty();
  }

  @Test
  void of_runWithoutBudget_hasNoGuard() {
    assertThat(
            BudgetGuard.of(
                PipelineRunInput.of(pipeline(agent("a", "llm", "{}")), json("{}")), true))
        .isEmpty();
  }

  @Test
  void worstCaseUsd_llm_isMaxTokensAtTheModelsPrice() {
    assertThat(
            tokenGuard(10)
                .worstCaseUsd("llm", json("{\"model\": \"per-token\", \"max_tokens\": 4}")))
        .isCloseTo(4.0, within(1e-9));
  }

  @Test
  void worstCaseUsd_llmWithoutModel_isPricedAtTheDearestModel() {
    assertThat(tokenGuard(10).worstCaseUsd("llm", json("{\"max_tokens\": 2}")))
        .isCloseTo(6.0, within(1e-9));
  }

  @Test
  void worstCaseUsd_nonTextModel_isPricedAtTheDearestModel() {
    assertThat(tokenGuard(10).worstCaseUsd("llm", json("{\"model\": 7, \"max_tokens\": 2}")))
        .isCloseTo(6.0, within(1e-9));
  }

  @Test
  void worstCaseUsd_otherAgents_isZero() {
    assertThat(
            tokenGuard(10).worstCaseUsd("http", json("{\"model\": \"dear\", \"max_tokens\": 9}")))
        .isZero();
  }

  @Test
  void admit_exactlyTheBudget_isAdmitted() {
    assertThat(tokenGuard(3).admit("a", 1, 2)).isEmpty();
  }

  @Test
  void admit_overTheBudget_isRefusedWithTheSum() {
    Optional<StepError> refusal = tokenGuard(3).admit("a", 1.5, 2);

    assertThat(refusal).isPresent();
    assertThat(refusal.get().type()).isEqualTo(FailureTypes.BUDGET_EXCEEDED);
    assertThat(refusal.get().message())
        .isEqualTo(
            "not started: spent $2.000000 + reserved $0.000000 + this step's worst case"
                + " $1.500000 exceeds the budget of $3.000000");
  }

  @Test
  void admit_countsTheWorstCasesOfAdmittedSteps_untilReleased() {
    BudgetGuard guard = tokenGuard(3);
    assertThat(guard.admit("a", 1, 0)).isEmpty();
    assertThat(guard.admit("b", 1, 0)).isEmpty();

    Optional<StepError> refusal = guard.admit("c", 1.5, 0);

    assertThat(refusal).isPresent();
    assertThat(refusal.get().message()).contains("reserved $2.000000");
    guard.release("a");
    assertThat(guard.admit("c", 1.5, 0)).isEmpty();
  }
}
