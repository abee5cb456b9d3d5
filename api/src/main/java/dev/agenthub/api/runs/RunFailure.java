package dev.agenthub.api.runs;

/**
 * Why a run did not succeed.
 *
 * @param message human message (never contains secrets)
 * @param type failure type, e.g. {@code StepFailed}, {@code Cancelled}, {@code Terminated}, {@code
 *     TimedOut}, {@code BudgetExceeded}
 * @param failedStep the step that failed the run, or {@code null}
 */
public record RunFailure(String message, String type, String failedStep) {}
