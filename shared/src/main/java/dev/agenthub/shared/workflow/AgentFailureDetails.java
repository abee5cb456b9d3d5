package dev.agenthub.shared.workflow;

/**
 * Details attached to every agent failure, so the workflow can report attempts of failed steps.
 *
 * @param attempt the attempt that failed (1-based)
 */
public record AgentFailureDetails(int attempt) {}
