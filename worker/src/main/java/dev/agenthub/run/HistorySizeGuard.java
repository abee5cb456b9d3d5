package dev.agenthub.run;

import io.temporal.workflow.Workflow;
import java.util.Optional;

/**
 * Stops a run from starting steps once its history is past {@link #MAX_HISTORY_BYTES}: failing the
 * run with its progress beats running on until Temporal terminates it at 50 MiB without either.
 * Workflow-thread only; it reads the history size Temporal reports to the workflow task.
 */
final class HistorySizeGuard {

  /** The {@code Workflow.getVersion} change id of the guard. */
  static final String CHANGE = "history-size-guard";

  /** The history size past which no step starts: 40 MiB, 10 below Temporal's limit. */
  static final long MAX_HISTORY_BYTES = 40L * 1024 * 1024;

  private static final long MIB = 1024 * 1024;

  private HistorySizeGuard() {}

  /** Why the next step may not start, or empty while the history is small enough. */
  static Optional<StepError> refusal() {
    return refusal(Workflow.getInfo().getHistorySize());
  }

  /** Why the next step may not start in a run whose history is {@code size} bytes. */
  static Optional<StepError> refusal(long size) {
    if (size <= MAX_HISTORY_BYTES) {
      return Optional.empty();
    }
    return Optional.of(
        new StepError(
            FailureTypes.HISTORY_TOO_LARGE,
            "not started: the run's history is "
                + size / MIB
                + " MiB, past the "
                + MAX_HISTORY_BYTES / MIB
                + " MiB at which no more steps start (Temporal ends runs at 50 MiB); make step"
                + " outputs smaller or split the pipeline"));
  }
}
