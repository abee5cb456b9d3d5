package dev.agenthub.run;

import dev.agenthub.cost.Usage;
import java.util.Objects;

/** The usage of a {@code forEach} step: the sum of its elements'. */
final class ForEachUsage {

  private ForEachUsage() {}

  /**
   * The sum of the outcomes' usage; its model is theirs when they all used one, else {@code null}.
   * Null when no element reported usage.
   */
  static Usage sum(StepOutcome[] outcomes) {
    Usage total = null;
    for (StepOutcome outcome : outcomes) {
      Usage usage = outcome == null ? null : outcome.usage();
      if (usage == null) {
        continue;
      }
      total =
          total == null
              ? usage
              : new Usage(
                  Objects.equals(total.model(), usage.model()) ? total.model() : null,
                  total.inputTokens() + usage.inputTokens(),
                  total.outputTokens() + usage.outputTokens(),
                  total.costUsd() + usage.costUsd(),
                  total.pricingKnown() && usage.pricingKnown());
    }
    return total;
  }
}
