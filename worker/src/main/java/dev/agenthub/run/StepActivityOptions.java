package dev.agenthub.run;

import dev.agenthub.agents.AgentDeclaration;
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
   * a background ticker every second, whatever they block on. Agents served on another task queue
   * heartbeat only when their declaration sets a {@code heartbeatTimeout}.
   */
  static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(15);

  private StepActivityOptions() {}

  static ActivityOptions forStep(StepDefinition step) {
    return forStep(step, null);
  }

  /**
   * The options of {@code step} running declared agent {@code agent} (null for a built-in): the
   * declaration's task queue and heartbeat timeout, and its timeout and retry fields as defaults
   * under the step's own. A built-in agent's step gets exactly the options it always got.
   */
  static ActivityOptions forStep(StepDefinition step, AgentDeclaration agent) {
    RetryDefinition declared = agent == null ? null : agent.retry();
    RetryDefinition retry = merge(step.retry(), declared);
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
    String timeoutText = step.timeout() != null || agent == null ? step.timeout() : agent.timeout();
    Duration timeout = timeoutText == null ? DEFAULT_ATTEMPT_TIMEOUT : Durations.parse(timeoutText);
    ActivityOptions.Builder options =
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(timeout)
            .setRetryOptions(retryOptions.build())
            .setSummary(step.id());
    if (agent != null && agent.taskQueue() != null) {
      // Another worker, maybe in another language, serves it: it heartbeats only if its
      // declaration says so.
      options.setTaskQueue(agent.taskQueue());
    } else {
      options.setHeartbeatTimeout(HEARTBEAT_TIMEOUT);
    }
    if (agent != null && agent.heartbeatTimeout() != null) {
      options.setHeartbeatTimeout(Durations.parse(agent.heartbeatTimeout()));
    }
    return options.build();
  }

  /** The step's retry fields, each falling back to the agent's declared one. */
  private static RetryDefinition merge(RetryDefinition step, RetryDefinition agent) {
    if (agent == null || step == null) {
      return step == null ? agent : step;
    }
    return new RetryDefinition(
        step.maxAttempts() != null ? step.maxAttempts() : agent.maxAttempts(),
        step.initialInterval() != null ? step.initialInterval() : agent.initialInterval(),
        step.backoffCoefficient() != null ? step.backoffCoefficient() : agent.backoffCoefficient(),
        step.maximumInterval() != null ? step.maximumInterval() : agent.maximumInterval(),
        step.nonRetryableErrors().isEmpty()
            ? agent.nonRetryableErrors()
            : step.nonRetryableErrors());
  }
}
