package dev.agenthub.run;

import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * The pipeline's {@code timeout} as a durable workflow timer, so the interpreter itself notices it,
 * cancels the steps still running and closes the run {@code timed_out}; the server-side execution
 * timeout the API sets a little later is only a backstop. The timer lives in its own cancellation
 * scope so a run that settles first can cancel it. Workflow-thread only.
 */
final class RunDeadline {

  private static final Duration MINIMUM = Duration.ofMillis(1);

  private final CancellationScope scope;
  private final Promise<Boolean> reached;

  private RunDeadline(CancellationScope scope, Promise<Boolean> reached) {
    this.scope = scope;
    this.reached = reached;
  }

  /**
   * Starts a timer for what is left of {@code timeout}, counted from the start of the run (a worker
   * may pick the first workflow task up late).
   */
  static RunDeadline start(Duration timeout) {
    long elapsed = Workflow.currentTimeMillis() - Workflow.getInfo().getRunStartedTimestampMillis();
    Duration left = timeout.minusMillis(Math.max(0, elapsed));
    Duration delay = left.compareTo(MINIMUM) < 0 ? MINIMUM : left;
    @SuppressWarnings("unchecked")
    Promise<Boolean>[] holder = new Promise[1];
    CancellationScope scope =
        Workflow.newCancellationScope(
            () -> holder[0] = Workflow.newTimer(delay).handle((fired, failure) -> failure == null));
    scope.run();
    return new RunDeadline(scope, holder[0]);
  }

  /**
   * Completes {@code true} when the timeout elapses, {@code false} when the timer was cancelled
   * first (the run settled, or was cancelled); never completes exceptionally.
   */
  Promise<Boolean> reached() {
    return reached;
  }

  /** Cancels the timer if it has not fired yet. */
  void cancel() {
    if (!reached.isCompleted()) {
      scope.cancel();
    }
  }
}
