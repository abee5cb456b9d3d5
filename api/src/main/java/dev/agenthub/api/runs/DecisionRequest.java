package dev.agenthub.api.runs;

/**
 * The optional body of approve/reject.
 *
 * @param comment recorded in the approval step's output (approve) or failure (reject)
 */
public record DecisionRequest(String comment) {}
