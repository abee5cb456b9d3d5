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
  private final double priorSpendUsd;
  private final Map<String, Price> prices;
  private final boolean strictWorstCase;
  private final Map<String, Double> reserved = new LinkedHashMap<>();

  private BudgetGuard(
      double limitUsd, double priorSpendUsd, Map<String, Price> prices, boolean strictWorstCase) {
    this.limitUsd = limitUsd;
    this.priorSpendUsd = priorSpendUsd;
    this.prices = prices;
    this.strictWorstCase = strictWorstCase;
  }

  /**
   * The guard of {@code input}'s budget, or empty when the run has none. It counts what earlier
   * attempts of the run spent ({@link PipelineRunInput#priorSpendUsd}) as spent. {@code
   * strictWorstCase} (every run but those recorded before it) reads a numeric-text {@code
   * max_tokens} as the llm agent does and refuses a model without a price; without it, such steps
   * were admitted as free.
   */
  static Optional<BudgetGuard> of(PipelineRunInput input, boolean strictWorstCase) {
    Double limit = input.effectiveBudgetUsd();
    double prior = input.priorSpendUsd() == null ? 0 : input.priorSpendUsd();
    return limit == null
        ? Optional.empty()
        : Optional.of(new BudgetGuard(limit, prior, input.prices(), strictWorstCase));
  }

  /**
   * Why a step with these (rendered) arguments may not start whatever the budget left: its {@code
   * llm} model has no price, so nothing bounds what it costs. Empty for priced models, the
   * provider's default model (priced at the dearest) and agents that cost nothing.
   */
  Optional<StepError> unpriced(String agent, JsonNode arguments) {
    if (!strictWorstCase || !LLM.equals(agent)) {
      return Optional.empty();
    }
    JsonNode model = arguments.path("model");
    String unpriced;
    if (model.isTextual()) {
      if (prices.containsKey(model.textValue())) {
        return Optional.empty();
      }
      unpriced = "model \"" + model.textValue() + "\" has no price";
    } else if (prices.isEmpty()) {
      unpriced = "no model has a price (the step uses the provider's default model)";
    } else {
      return Optional.empty();
    }
    return Optional.of(
        new StepError(
            FailureTypes.UNPRICED_MODEL,
            "not started: "
                + unpriced
                + ", so the run's budget cannot bound what it costs; add it to the pricing file"));
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
        strictWorstCase
            ? TokenEstimates.maxOutputTokens(arguments)
            : TokenEstimates.maxOutputTokensAsFirstEstimated(arguments));
  }

  /**
   * Admits step {@code id} and reserves its worst case, or refuses it. {@code spentUsd} is what
   * this run spent; what earlier attempts spent is added here.
   *
   * @return the refusal, or empty when the step may start
   */
  Optional<StepError> admit(String id, double worstCaseUsd, double spentUsd) {
    double reservedUsd = reserved.values().stream().mapToDouble(Double::doubleValue).sum();
    spentUsd += priorSpendUsd;
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

  /**
   * What the budget has left for a new step: the limit less what this run ({@code spentUsd}) and
   * earlier attempts spent and what running steps reserved; never below 0.
   */
  double leftUsd(double spentUsd) {
    double reservedUsd = reserved.values().stream().mapToDouble(Double::doubleValue).sum();
    return Math.max(0, limitUsd - priorSpendUsd - spentUsd - reservedUsd);
  }

  /** Drops step {@code id}'s reservation once it settled (its real cost is then spent). */
  void release(String id) {
    reserved.remove(id);
  }
}
