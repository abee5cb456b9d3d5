package dev.agenthub.api.runs;

/**
 * The body of terminate.
 *
 * @param reason why the run is being terminated (required), recorded in its history
 */
public record TerminateRequest(String reason) {}
