package dev.agenthub.api.runs;

import com.google.protobuf.Timestamp;
import dev.agenthub.run.StepError;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import java.time.Instant;
import java.util.Locale;

/**
 * What Temporal knows of a running step's activity that the workflow learns only when it ends: the
 * attempt under way (or waiting), why the last one failed, and when the next one starts.
 *
 * @param state {@code scheduled} (waiting for a worker to pick it up, or for its retry to come
 *     due), {@code started} (a worker runs it), {@code cancel_requested}, {@code paused} or {@code
 *     pause_requested}
 * @param attempt the number of the attempt under way, or of the next one while waiting for a retry
 *     (1 for the first)
 * @param maximumAttempts the step's limit, 0 for none
 * @param lastFailure why the previous attempt failed, or {@code null}
 * @param nextAttemptAt when the next attempt is due while waiting for a retry, or {@code null}
 * @param lastStartedAt when a worker last started an attempt, or {@code null}
 */
public record ActivityAttempt(
    String state,
    int attempt,
    int maximumAttempts,
    StepError lastFailure,
    Instant nextAttemptAt,
    Instant lastStartedAt) {

  private static final String STATE_PREFIX = "PENDING_ACTIVITY_STATE_";

  /** The view of Temporal's pending activity {@code info}. */
  static ActivityAttempt of(PendingActivityInfo info) {
    return new ActivityAttempt(
        state(info.getState()),
        Math.max(1, info.getAttempt()),
        info.getMaximumAttempts(),
        info.hasLastFailure() ? failure(info.getLastFailure()) : null,
        info.hasNextAttemptScheduleTime() ? instant(info.getNextAttemptScheduleTime()) : null,
        info.hasLastStartedTime() ? instant(info.getLastStartedTime()) : null);
  }

  /** Attempts begun so far: the one under way counts, a retry still waiting does not. */
  int attemptsBegun() {
    return "started".equals(state) ? attempt : attempt - 1;
  }

  private static String state(PendingActivityState state) {
    String name = state.name();
    return name.startsWith(STATE_PREFIX)
        ? name.substring(STATE_PREFIX.length()).toLowerCase(Locale.ROOT)
        : "unknown";
  }

  /** The failure's type as step errors name it: the application type, or Timeout. */
  private static StepError failure(Failure failure) {
    String type =
        failure.hasApplicationFailureInfo()
            ? failure.getApplicationFailureInfo().getType()
            : failure.hasTimeoutFailureInfo() ? "Timeout" : "Unknown";
    String message = failure.getMessage();
    if (message.isEmpty() && failure.hasTimeoutFailureInfo()) {
      // As a step's error says it once the step has failed.
      message = "attempt timed out (" + failure.getTimeoutFailureInfo().getTimeoutType() + ")";
    }
    return new StepError(type.isEmpty() ? "Unknown" : type, message);
  }

  private static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }
}
