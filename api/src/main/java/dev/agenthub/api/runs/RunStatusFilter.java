package dev.agenthub.api.runs;

import dev.agenthub.run.RunOutcomeMemo;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.util.List;

/**
 * A run listing's {@code status} filter: the Temporal statuses to ask the server for, and the API
 * status each listed run must then read as. The two differ for {@code failed} and {@code
 * timed_out}, because a run closed by its pipeline timeout is Temporal-{@code Failed} and only its
 * {@link RunOutcomeMemo} tells it apart (see {@link RunStatuses#listed}); listings therefore check
 * every run they get against {@link #admits(String)}.
 */
record RunStatusFilter(String status, List<WorkflowExecutionStatus> temporal) {

  RunStatusFilter {
    temporal = List.copyOf(temporal);
  }

  /** The one Temporal status asked for, or {@code null} when it asks for several. */
  WorkflowExecutionStatus onlyTemporal() {
    return temporal.size() == 1 ? temporal.get(0) : null;
  }

  /** Whether a run Temporal lists in {@code status} may match. */
  boolean admits(WorkflowExecutionStatus status) {
    return temporal.contains(status);
  }

  /** Whether a run that reads as the API status {@code apiStatus} matches. */
  boolean admits(String apiStatus) {
    return status.equals(apiStatus);
  }
}
