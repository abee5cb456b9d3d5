package dev.agenthub.run;

/**
 * The payload of the {@code decide} signal.
 *
 * @param stepId the approval step being decided
 * @param approved true to approve, false to reject
 * @param comment optional free text, recorded in the step output
 * @param decidedBy who decided (an API key name or user), optional
 */
public record ApprovalDecision(String stepId, boolean approved, String comment, String decidedBy) {}
