package dev.agenthub.run;

/**
 * Why a step failed or was skipped.
 *
 * @param type failure type (see {@link FailureTypes}) or {@code Skipped}
 * @param message human message; never contains secrets
 */
public record StepError(String type, String message) {}
