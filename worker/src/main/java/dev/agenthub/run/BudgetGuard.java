package dev.agenthub.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.cost.Price;
import dev.agenthub.cost.PriceSnapshot;
import dev.agenthub.cost.TokenEstimates;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A run's spend limit, checked before each cost-bearing step starts: the step may start only if
 * what the run has spent, plus the worst cases reserved by steps still running, plus this step's
 * own worst case, stays within the budget. Reserving worst cases is what keeps a parallel fan-out
 * from overshooting: every branch is admitted against the others' worst cases, not their spend so
 * far. Workflow-thread only; deterministic (prices come from the run input).
 */
final class BudgetGuard {

  private static final String LLM = "llm";

  private final double limitUsd;
  private final Map<String, Price> prices;
  private final Map<String, Double> reserved = new LinkedHashMap<>();

  private BudgetGuard(double limitUsd, Map<String, Price> prices) {
    this.limitUsd = limitUsd;
    this.prices = prices;
  }

  /** The guard of {@code input}'s budget, or empty when the run has none. */
  static Optional<BudgetGuard> of(PipelineRunInput input) {
    Double limit = input.effectiveBudgetUsd();
    return limit == null ? Optional.empty() : Optional.of(new BudgetGuard(limit, input.prices()));
  }

  /**
   * The most a step with these (rendered) arguments may cost. For {@code llm}: the estimated prompt
   * plus {@code max_tokens} at the model's price; 0 for agents it cannot estimate.
   */
  double worstCaseUsd(String agent, JsonNode arguments) {
    if (!LLM.equals(agent)) {
      return 0;
    }
    JsonNode model = arguments.path("model");
    return PriceSnapshot.worstCaseUsd(
        prices,
        model.isTextual() ? model.textValue() : null,
        TokenEstimates.inputTokens(arguments),
        TokenEstimates.maxOutputTokens(arguments));
  }

  /**
   * Admits step {@code id} and reserves its worst case, or refuses it.
   *
   * @return the refusal, or empty when the step may start
   */
  Optional<StepError> admit(String id, double worstCaseUsd, double spentUsd) {
    double reservedUsd = reserved.values().stream().mapToDouble(Double::doubleValue).sum();
    if (spentUsd + reservedUsd + worstCaseUsd > limitUsd) {
      return Optional.of(
          new StepError(
              FailureTypes.BUDGET_EXCEEDED,
              String.format(
                  Locale.ROOT,
                  "not started: spent $%.6f + reserved $%.6f + this step's worst case $%.6f"
                      + " exceeds the budget of $%.6f",
                  spentUsd,
                  reservedUsd,
                  worstCaseUsd,
                  limitUsd)));
    }
    reserved.put(id, worstCaseUsd);
    return Optional.empty();
  }

  /** Drops step {@code id}'s reservation once it settled (its real cost is then spent). */
  void release(String id) {
    reserved.remove(id);
  }
}
