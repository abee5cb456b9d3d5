package dev.agenthub.api.runs;

/**
 * A running step whose activity is scheduled but not picked up by any worker (see {@link
 * RunView#waiting}).
 *
 * @param step the step's id
 * @param agent its agent
 * @param taskQueue the queue no worker has taken its activity from yet
 * @param message {@code waiting for a worker on queue <taskQueue>}
 */
public record WaitingStep(String step, String agent, String taskQueue, String message) {}
