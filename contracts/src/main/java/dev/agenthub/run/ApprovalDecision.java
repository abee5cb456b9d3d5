package dev.agenthub.run;

/**
 * A decision on an approval step: the argument of the {@code decideApproval} update (and of the
 * older {@code decide} signal), and the update's answer when accepted.
 *
 * @param stepId the approval step being decided
 * @param approved true to approve, false to reject
 * @param comment optional free text, recorded in the step output
 * @param decidedBy who decided (an API key name or user), optional
 * @param callId the tool call decided, for a call of an agent loop that requires approval; {@code
 *     null} for an approval step
 */
public record ApprovalDecision(
    String stepId, boolean approved, String comment, String decidedBy, String callId) {

  /** A decision on an approval step. */
  public ApprovalDecision(String stepId, boolean approved, String comment, String decidedBy) {
    this(stepId, approved, comment, decidedBy, null);
  }
}
