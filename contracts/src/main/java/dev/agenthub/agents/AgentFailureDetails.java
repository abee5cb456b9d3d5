package dev.agenthub.agents;

/**
 * The details attached to every agent {@code ApplicationFailure}, so the workflow can report how
 * many attempts a failed step took.
 *
 * @param attempt the Temporal attempt number that failed (1-based)
 */
public record AgentFailureDetails(int attempt) {}
