package dev.agenthub.api.schedules;

import java.time.Instant;
import java.util.List;

/**
 * A schedule as the API shows it.
 *
 * @param id the Temporal schedule id ({@code agenthub.<pipeline>.<schedule>}), used in routes
 * @param pipeline the pipeline it starts
 * @param schedule its id in the pipeline's {@code schedules:}
 * @param cron its cron expression, or {@code null}
 * @param every its interval, or {@code null}
 * @param overlap its overlap policy ({@code skip}, {@code buffer_one}, ...)
 * @param state {@code active}, {@code paused}, or {@code missing} (not on the server yet: it is
 *     created when the API next loads the definitions)
 * @param note why it is paused, if it is
 * @param nextRunTimes when it will start runs next (a few)
 * @param recentRuns the runs it started most recently, oldest first
 */
public record ScheduleView(
    String id,
    String pipeline,
    String schedule,
    String cron,
    String every,
    String overlap,
    String state,
    String note,
    List<Instant> nextRunTimes,
    List<RecentRun> recentRuns) {

  /**
   * A run a schedule started.
   *
   * @param workflowId the run's workflow id
   * @param scheduledAt when it was due
   * @param startedAt when it started
   */
  public record RecentRun(String workflowId, Instant scheduledAt, Instant startedAt) {}

  /** The body of {@code GET /api/v1/schedules}. */
  public record Page(List<ScheduleView> schedules) {}
}
