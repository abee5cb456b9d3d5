package dev.agenthub.api.runs;

/**
 * The optional body of approve/reject.
 *
 * @param comment recorded in the approval step's output (approve) or failure (reject)
 * @param callId the tool call decided, for a step whose agent loop waits on a tool that requires
 *     approval; {@code null} for an approval step
 */
public record DecisionRequest(String comment, String callId) {

  /** A decision on an approval step. */
  public DecisionRequest(String comment) {
    this(comment, null);
  }
}
