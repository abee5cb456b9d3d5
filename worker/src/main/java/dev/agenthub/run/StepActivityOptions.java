package dev.agenthub.run;

import dev.agenthub.dsl.Durations;
import dev.agenthub.dsl.RetryDefinition;
import dev.agenthub.dsl.StepDefinition;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * The one place that turns a step's {@code retry} and {@code timeout} into Temporal activity
 * options. Unset fields take the platform defaults below.
 */
final class StepActivityOptions {

  static final int DEFAULT_MAX_ATTEMPTS = 3;
  static final Duration DEFAULT_INITIAL_INTERVAL = Duration.ofSeconds(1);
  static final double DEFAULT_BACKOFF = 2.0;
  static final Duration DEFAULT_MAXIMUM_INTERVAL = Duration.ofMinutes(1);
  static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofMinutes(5);

  /**
   * Without a heartbeat for this long, Temporal times the attempt out and retries it: a worker that
   * died mid-call is noticed in seconds instead of after the attempt timeout. Agents heartbeat from
   * a background ticker every second, whatever they block on.
   */
  static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(15);

  private StepActivityOptions() {}

  static ActivityOptions forStep(StepDefinition step) {
    RetryDefinition retry = step.retry();
    RetryOptions.Builder retryOptions =
        RetryOptions.newBuilder()
            .setMaximumAttempts(DEFAULT_MAX_ATTEMPTS)
            .setInitialInterval(DEFAULT_INITIAL_INTERVAL)
            .setBackoffCoefficient(DEFAULT_BACKOFF)
            .setMaximumInterval(DEFAULT_MAXIMUM_INTERVAL);
    if (retry != null) {
      if (retry.maxAttempts() != null) {
        retryOptions.setMaximumAttempts(retry.maxAttempts());
      }
      if (retry.initialInterval() != null) {
        retryOptions.setInitialInterval(Durations.parse(retry.initialInterval()));
      }
      if (retry.backoffCoefficient() != null) {
        retryOptions.setBackoffCoefficient(retry.backoffCoefficient());
      }
      if (retry.maximumInterval() != null) {
        retryOptions.setMaximumInterval(Durations.parse(retry.maximumInterval()));
      }
      if (!retry.nonRetryableErrors().isEmpty()) {
        retryOptions.setDoNotRetry(retry.nonRetryableErrors().toArray(String[]::new));
      }
    }
    Duration timeout =
        step.timeout() == null ? DEFAULT_ATTEMPT_TIMEOUT : Durations.parse(step.timeout());
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(timeout)
        .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
        .setRetryOptions(retryOptions.build())
        .setSummary(step.id())
        .build();
  }
}
