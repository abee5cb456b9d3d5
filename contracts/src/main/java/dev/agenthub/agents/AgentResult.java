package dev.agenthub.agents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.cost.Usage;

/**
 * What an agent returns.
 *
 * @param output JSON output, visible to later steps as {@code steps.<id>.output}
 * @param usage tokens and cost of this call
 * @param attempt the Temporal attempt number that produced this result (1-based)
 * @param skippedReason non-null when the agent chose not to act (e.g. no webhook configured); the
 *     step is then shown as skipped with this reason
 */
public record AgentResult(JsonNode output, Usage usage, int attempt, String skippedReason) {

  /** A successful result. */
  public static AgentResult of(JsonNode output, Usage usage) {
    return new AgentResult(output, usage, 1, null);
  }

  /** A result that marks the step skipped. */
  public static AgentResult skipped(String reason) {
    return new AgentResult(null, Usage.NONE, 1, reason);
  }

  /** This result, stamped with the attempt that produced it. */
  public AgentResult withAttempt(int attempt) {
    return new AgentResult(output, usage, attempt, skippedReason);
  }
}
