package dev.agenthub.api.runs;

import dev.agenthub.run.FailureTypes;
import dev.agenthub.run.RunOutcomeMemo;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The API's run statuses and their Temporal counterparts. */
final class RunStatuses {

  static final String RUNNING = "running";
  static final String SUCCEEDED = "succeeded";
  static final String FAILED = "failed";
  static final String CANCELLED = "cancelled";
  static final String TERMINATED = "terminated";
  static final String TIMED_OUT = "timed_out";
  static final String CONTINUED_AS_NEW = "continued_as_new";

  /** Closed statuses a retry may start from. */
  static final Set<String> RETRYABLE = Set.of(FAILED, TIMED_OUT, CANCELLED, TERMINATED);

  private static final Map<String, WorkflowExecutionStatus> BY_NAME =
      Map.of(
          RUNNING, WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
          SUCCEEDED, WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED,
          FAILED, WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED,
          CANCELLED, WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED,
          TERMINATED, WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED,
          TIMED_OUT, WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TIMED_OUT,
          CONTINUED_AS_NEW, WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW);

  private RunStatuses() {}

  /** The API name of a Temporal status. */
  static String of(WorkflowExecutionStatus status) {
    return switch (status) {
      case WORKFLOW_EXECUTION_STATUS_RUNNING -> RUNNING;
      case WORKFLOW_EXECUTION_STATUS_COMPLETED -> SUCCEEDED;
      case WORKFLOW_EXECUTION_STATUS_FAILED -> FAILED;
      case WORKFLOW_EXECUTION_STATUS_CANCELED -> CANCELLED;
      case WORKFLOW_EXECUTION_STATUS_TERMINATED -> TERMINATED;
      case WORKFLOW_EXECUTION_STATUS_TIMED_OUT -> TIMED_OUT;
      case WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW -> CONTINUED_AS_NEW;
      default -> "unknown";
    };
  }

  /**
   * The API name of a closed run's status, given its failure type when it failed: a run whose
   * pipeline {@code timeout} fired fails with {@link FailureTypes#RUN_TIMED_OUT} (the workflow
   * timer closes it, not the server), and reads as {@code timed_out} like one the server's backstop
   * timed out.
   */
  static String of(WorkflowExecutionStatus status, String failureType) {
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED
        && FailureTypes.RUN_TIMED_OUT.equals(failureType)) {
      return TIMED_OUT;
    }
    return of(status);
  }

  /**
   * The API name of a listed run's status, given its {@link RunOutcomeMemo} entry (listings see the
   * memo, never the failure): a run its pipeline timeout closed is Temporal-{@code Failed} with the
   * memo {@link RunOutcomeMemo#TIMED_OUT}, and reads as {@code timed_out}.
   */
  static String listed(WorkflowExecutionStatus status, String outcomeMemo) {
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED
        && RunOutcomeMemo.TIMED_OUT.equals(outcomeMemo)) {
      return TIMED_OUT;
    }
    return of(status);
  }

  /**
   * The filter named by an API status, or {@code null} for no filter. {@code timed_out} asks for
   * Temporal's {@code TimedOut} (the server's backstop) and {@code Failed} (the pipeline timeout
   * closes a run failed), and keeps the runs that read {@code timed_out}.
   *
   * @throws RunServiceException.InvalidStatusFilter for anything else
   */
  static RunStatusFilter parseFilter(String status) {
    if (status == null || status.isBlank()) {
      return null;
    }
    WorkflowExecutionStatus temporal = BY_NAME.get(status);
    if (temporal == null) {
      throw new RunServiceException.InvalidStatusFilter(status);
    }
    if (TIMED_OUT.equals(status)) {
      return new RunStatusFilter(
          status, List.of(temporal, WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED));
    }
    return new RunStatusFilter(status, List.of(temporal));
  }

  /** The name visibility queries use for {@code status}: {@code Running}, {@code TimedOut}, … */
  static String visibilityName(WorkflowExecutionStatus status) {
    return switch (status) {
      case WORKFLOW_EXECUTION_STATUS_RUNNING -> "Running";
      case WORKFLOW_EXECUTION_STATUS_COMPLETED -> "Completed";
      case WORKFLOW_EXECUTION_STATUS_FAILED -> "Failed";
      case WORKFLOW_EXECUTION_STATUS_CANCELED -> "Canceled";
      case WORKFLOW_EXECUTION_STATUS_TERMINATED -> "Terminated";
      case WORKFLOW_EXECUTION_STATUS_TIMED_OUT -> "TimedOut";
      case WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW -> "ContinuedAsNew";
      default -> throw new IllegalArgumentException("no visibility name for " + status);
    };
  }
}
