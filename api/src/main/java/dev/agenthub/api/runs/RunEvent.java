package dev.agenthub.api.runs;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agenthub.cost.Usage;
import dev.agenthub.cost.UsageTotals;
import java.time.Instant;

/**
 * One thing that happened in a run, as {@code GET /runs/{id}/events} streams it.
 *
 * @param id the id of the Temporal history event it was derived from (the stream's {@code id:},
 *     which {@code Last-Event-ID} resumes after); events derived from one history event share it
 * @param type run_started, step_started, step_succeeded, step_failed, step_skipped, step_cancelled,
 *     approval_waiting, run_closed
 * @param at when the history event was recorded
 * @param step the step's id, or {@code null} for run events
 * @param agent the agent an agent step runs, or {@code null}
 * @param attempt the attempt that settled an agent step, or {@code null}
 * @param reason why a step failed or was skipped, or why the run did not succeed
 * @param usage what a succeeded agent step consumed, or {@code null}
 * @param status the run's status on run_closed (succeeded, failed, cancelled, terminated,
 *     timed_out), or {@code null}
 * @param totals tokens and cost of the whole run on run_closed when it succeeded, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunEvent(
    long id,
    String type,
    Instant at,
    String step,
    String agent,
    Integer attempt,
    String reason,
    Usage usage,
    String status,
    UsageTotals totals) {

  /** Whether this is the last event of a run. */
  public boolean closesRun() {
    return RUN_CLOSED.equals(type);
  }

  static final String RUN_STARTED = "run_started";
  static final String STEP_STARTED = "step_started";
  static final String STEP_SUCCEEDED = "step_succeeded";
  static final String STEP_FAILED = "step_failed";
  static final String STEP_SKIPPED = "step_skipped";
  static final String STEP_CANCELLED = "step_cancelled";
  static final String APPROVAL_WAITING = "approval_waiting";
  static final String RUN_CLOSED = "run_closed";
}
