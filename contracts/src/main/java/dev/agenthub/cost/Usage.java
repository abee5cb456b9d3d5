package dev.agenthub.cost;

/**
 * What one agent call consumed.
 *
 * @param model model name, or {@code null} for agents that use none
 * @param inputTokens prompt tokens
 * @param outputTokens completion tokens
 * @param costUsd cost in US dollars at the price table's rates
 * @param pricingKnown false when the model was missing from the price table (cost counted as 0)
 */
public record Usage(
    String model, long inputTokens, long outputTokens, double costUsd, boolean pricingKnown) {

  /** Usage of an agent that consumes nothing billable. */
  public static final Usage NONE = new Usage(null, 0, 0, 0, true);
}
