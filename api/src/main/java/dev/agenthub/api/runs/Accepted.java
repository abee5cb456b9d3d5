package dev.agenthub.api.runs;

/**
 * The answer to an action that Temporal carries out asynchronously (cancel, terminate, decide).
 *
 * @param workflowId the run
 * @param action what was requested: cancel, terminate, approve, reject
 * @param step the step concerned, for approve/reject
 * @param links where to follow the run
 */
public record Accepted(String workflowId, String action, String step, Links links) {}
