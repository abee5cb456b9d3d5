package dev.agenthub.dsl;

import java.util.List;

/**
 * A step's retry policy, mapped onto Temporal's activity {@code RetryOptions}. Every field may be
 * {@code null}, meaning the platform default.
 *
 * @param maxAttempts total attempts including the first; 1 disables retries
 * @param initialInterval delay before the first retry, as a duration string
 * @param backoffCoefficient multiplier applied to the delay after each retry
 * @param maximumInterval cap on the delay between retries, as a duration string
 * @param nonRetryableErrors failure types that stop retrying at once
 */
public record RetryDefinition(
    Integer maxAttempts,
    String initialInterval,
    Double backoffCoefficient,
    String maximumInterval,
    List<String> nonRetryableErrors) {

  public RetryDefinition {
    nonRetryableErrors = nonRetryableErrors == null ? List.of() : List.copyOf(nonRetryableErrors);
  }
}
