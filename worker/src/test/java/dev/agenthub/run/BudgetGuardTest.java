package dev.agenthub.run;

import static dev.agenthub.run.TestPipelines.agent;
import static dev.agenthub.run.TestPipelines.json;
import static dev.agenthub.run.TestPipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.cost.Price;
import dev.agenthub.cost.TokenEstimates;
import java.time.LocalDate;
import java.util.Map;
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
}
