package dev.agenthub.cost;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * One row of the price table: a model's token prices from a date on.
 *
 * @param model model name as the provider reports it
 * @param inputPerMillionUsd US dollars per million prompt tokens
 * @param outputPerMillionUsd US dollars per million completion tokens
 * @param effective first day (inclusive) these prices apply
 */
public record Price(
    String model, double inputPerMillionUsd, double outputPerMillionUsd, LocalDate effective) {

  public Price {
    requireNonNull(model, "model");
    requireNonNull(effective, "effective");
    if (inputPerMillionUsd < 0 || outputPerMillionUsd < 0) {
      throw new IllegalArgumentException("prices of " + model + " must not be negative");
    }
  }

  /** The cost in US dollars of {@code inputTokens} in and {@code outputTokens} out. */
  public double costUsd(long inputTokens, long outputTokens) {
    return (inputTokens * inputPerMillionUsd + outputTokens * outputPerMillionUsd) / 1_000_000d;
  }
}
