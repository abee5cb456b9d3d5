package dev.agenthub.cost;

/**
 * Usage summed over steps.
 *
 * @param inputTokens prompt tokens
 * @param outputTokens completion tokens
 * @param costUsd cost in US dollars
 */
public record UsageTotals(long inputTokens, long outputTokens, double costUsd) {

  public static final UsageTotals ZERO = new UsageTotals(0, 0, 0);

  /** These totals plus one step's usage. */
  public UsageTotals plus(Usage usage) {
    if (usage == null) {
      return this;
    }
    return new UsageTotals(
        inputTokens + usage.inputTokens(),
        outputTokens + usage.outputTokens(),
        costUsd + usage.costUsd());
  }
}
