package dev.agenthub.cost;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.StepDefinition;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The prices a run's budget checks use, taken from the price table when the run starts. The
 * interpreter is deterministic code and may not read a file or a clock, so the prices travel in the
 * run input: a replay (or a worker with a newer table) sees exactly the prices the run started
 * with.
 */
public final class PriceSnapshot {

  private static final String LLM = "llm";

  private PriceSnapshot() {}

  /**
   * The prices on day {@code on} of the models {@code pipeline}'s {@code llm} steps name. When a
   * step names none, or names one through an expression, every priced model is included, since any
   * of them may be the one called.
   */
  public static Map<String, Price> of(PriceTable table, PipelineDefinition pipeline, LocalDate on) {
    requireNonNull(table, "table");
    requireNonNull(pipeline, "pipeline");
    requireNonNull(on, "on");
    Set<String> models = new TreeSet<>();
    for (StepDefinition step : pipeline.steps()) {
      if (!LLM.equals(step.agent())) {
        continue;
      }
      Optional<String> model = literalModel(step.with());
      if (model.isEmpty()) {
        models.addAll(table.models());
        break;
      }
      models.add(model.get());
    }
    Map<String, Price> prices = new TreeMap<>();
    for (String model : models) {
      table.priceFor(model, on).ifPresent(price -> prices.put(model, price));
    }
    return prices;
  }

  /**
   * The most a call of {@code model} may cost with {@code maxInputTokens} in and {@code
   * maxOutputTokens} out. A {@code null} model (the provider's default) is priced at the dearest
   * model of the snapshot, because a guard must not under-estimate; a model the snapshot lacks
   * costs 0 (budgets cannot limit what they cannot price).
   */
  public static double worstCaseUsd(
      Map<String, Price> prices, String model, long maxInputTokens, long maxOutputTokens) {
    if (model == null) {
      return prices.values().stream()
          .mapToDouble(p -> p.costUsd(maxInputTokens, maxOutputTokens))
          .max()
          .orElse(0);
    }
    Price price = prices.get(model);
    return price == null ? 0 : price.costUsd(maxInputTokens, maxOutputTokens);
  }

  private static Optional<String> literalModel(JsonNode with) {
    JsonNode model = with == null ? null : with.get("model");
    if (model == null || !model.isTextual() || model.textValue().contains("${{")) {
      return Optional.empty();
    }
    return Optional.of(model.textValue());
  }
}
