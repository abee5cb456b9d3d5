package dev.agenthub.agents;

import dev.agenthub.run.FailureTypes;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;

/**
 * Maps whatever an agent throws to the {@link ApplicationFailure} the workflow sees. This is the
 * one place that decides failure types and retries; every failure carries {@link
 * AgentFailureDetails} with the attempt number.
 */
final class AgentFailures {

  private AgentFailures() {}

  /**
   * The failure to throw from the activity for {@code error}, raised on {@code attempt}. Temporal's
   * own {@link ActivityCompletionException}s (cancellation) must be rethrown as they are, so they
   * are returned unchanged.
   */
  static RuntimeException toFailure(Throwable error, int attempt) {
    AgentFailureDetails details = new AgentFailureDetails(attempt);
    if (error instanceof ActivityCompletionException completion) {
      return completion;
    }
    if (error instanceof ApplicationFailure failure) {
      return failure;
    }
    if (error instanceof AgentException agent) {
      // No cause: the message is all the workflow needs, and a cause could carry secrets.
      return agent.retryable()
          ? ApplicationFailure.newFailure(agent.getMessage(), agent.type(), details)
          : ApplicationFailure.newNonRetryableFailure(agent.getMessage(), agent.type(), details);
    }
    if (error instanceof IOException) {
      return ApplicationFailure.newFailure(
          describe(error), FailureTypes.AGENT_REMOTE_ERROR, details);
    }
    if (error instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    return ApplicationFailure.newFailureWithCause(
        describe(error), error.getClass().getName(), error, details);
  }

  private static String describe(Throwable error) {
    String message = error.getMessage();
    String name = error.getClass().getSimpleName();
    return message == null || message.isBlank() ? name : name + ": " + message;
  }
}
