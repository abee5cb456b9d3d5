package dev.agenthub.api.runs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.cost.UsageTotals;
import dev.agenthub.run.PipelineRunResult;
import dev.agenthub.run.RunProgress;
import dev.agenthub.run.StepError;
import dev.agenthub.run.StepProgress;
import io.grpc.Status;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowTargetOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TerminatedFailure;
import io.temporal.failure.TimeoutFailure;
import java.util.List;
import java.util.Optional;

/**
 * Builds a run's detailed view. Steps come from where they live for each status: the {@code
 * progress} query while running (joined with the pending activities of the describe, which show a
 * retrying step's attempts before the workflow learns them), the result once succeeded, the
 * failure's details once failed, and for cancelled, terminated or timed-out runs the {@code
 * progress} query again (a worker answers it by replaying the history), or nothing when no worker
 * answers. A query's answer is reused while the run's history has not grown ({@link
 * ProgressCache}), so polling a waiting run does not ask a worker every time.
 */
final class RunDescriber {

  /** Suffix of the id of a run's retry. */
  static final String RETRY_SUFFIX = ".retry";

  private final WorkflowClient client;
  private final WaitingForWorker waiting;
  private final ProgressCache answers = new ProgressCache();

  RunDescriber(WorkflowClient client, WaitingForWorker waiting) {
    this.client = client;
    this.waiting = waiting;
  }

  /** Temporal's description of the latest run under {@code workflowId}. */
  WorkflowExecutionDescription execution(String workflowId) {
    try {
      return client.newUntypedWorkflowStub(workflowId).describe();
    } catch (RuntimeException e) {
      throw TemporalErrors.translate(e, workflowId);
    }
  }

  /** The description of {@code workflowId}, or empty when there is no such run. */
  Optional<WorkflowExecutionDescription> find(String workflowId) {
    try {
      return Optional.of(client.newUntypedWorkflowStub(workflowId).describe());
    } catch (RuntimeException e) {
      if (TemporalErrors.grpcCode(e).orElse(null) == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw TemporalErrors.translate(e, workflowId);
    }
  }

  RunView describe(String workflowId) {
    return describe(workflowId, null);
  }

  /**
   * The view of {@code workflowId}; {@code knownResult}, when not {@code null}, is the result of
   * its run (the caller awaited it), used instead of fetching it again if the run succeeded.
   */
  RunView describe(String workflowId, PipelineRunResult knownResult) {
    WorkflowExecutionDescription execution = execution(workflowId);
    String status = RunStatuses.of(execution.getStatus());
    String retryOf = memo(execution, RunStarter.MEMO_RETRY_OF);
    // Before the progress query, which may take the rest of the request's time when no worker
    // answers. Only a run that can be retried can have a retry.
    String retriedBy =
        !RunStatuses.RETRYABLE.contains(status)
            ? null
            : find(workflowId + RETRY_SUFFIX)
                // Only a run whose retryOf memo names this one is its retry (ids made before
                // reserved ids were refused may belong to another run).
                .filter(d -> workflowId.equals(memo(d, RunStarter.MEMO_RETRY_OF)))
                .map(d -> d.getExecution().getWorkflowId())
                .orElse(null);
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            WorkflowTargetOptions.newBuilder()
                .setWorkflowExecution(execution.getExecution())
                .build());
    Outcome outcome;
    try {
      outcome =
          switch (status) {
            case RunStatuses.RUNNING -> running(progress(stub, execution).orElse(null), execution);
            case RunStatuses.SUCCEEDED ->
                succeeded(
                    knownResult != null ? knownResult : stub.getResult(PipelineRunResult.class));
            default -> closedUnsuccessfully(stub, execution);
          };
    } catch (RuntimeException e) {
      throw TemporalErrors.translate(e, workflowId);
    }
    if (outcome.failure() != null) {
      status = RunStatuses.of(execution.getStatus(), outcome.failure().type());
    }
    return new RunView(
        workflowId,
        execution.getExecution().getRunId(),
        memo(execution, RunStarter.MEMO_PIPELINE),
        memo(execution, RunStarter.MEMO_VERSION),
        status,
        execution.getStartTime(),
        execution.getCloseTime(),
        outcome.steps(),
        outcome.usage(),
        outcome.output(),
        outcome.failure(),
        retryOf,
        retriedBy,
        null,
        memo(execution, RunStarter.MEMO_TRACE_ID),
        RunStatuses.RUNNING.equals(status)
            ? waiting.of(execution.getRawDescription().getPendingActivitiesList(), outcome.steps())
            : List.of());
  }

  /**
   * The {@code progress} answer of {@code execution}: the cached one while its history has not
   * grown, else the query's (then cached).
   */
  private Optional<RunProgress> progress(
      WorkflowStub stub, WorkflowExecutionDescription execution) {
    String runId = execution.getExecution().getRunId();
    long historyLength =
        execution.getRawDescription().getWorkflowExecutionInfo().getHistoryLength();
    Optional<RunProgress> cached = answers.get(runId, historyLength);
    if (cached.isPresent()) {
      return cached;
    }
    Optional<RunProgress> answered = progress(stub);
    answered.ifPresent(progress -> answers.put(runId, historyLength, progress));
    return answered;
  }

  /** The {@code progress} query's answer, or empty when no worker could answer it. */
  static Optional<RunProgress> progress(WorkflowStub stub) {
    try {
      return Optional.ofNullable(stub.query("progress", RunProgress.class));
    } catch (WorkflowException e) {
      return Optional.empty();
    }
  }

  static String memo(WorkflowExecutionDescription execution, String key) {
    return execution.getMemo(key, String.class, String.class);
  }

  /** A running run: its progress, with what the description says of its pending activities. */
  private static Outcome running(RunProgress progress, WorkflowExecutionDescription execution) {
    if (progress == null) {
      return Outcome.of(null, null);
    }
    List<StepView> steps =
        RunningSteps.merge(
            progress.steps(), execution.getRawDescription().getPendingActivitiesList());
    return new Outcome(steps, progress.usage(), null, null);
  }

  private static Outcome succeeded(PipelineRunResult result) {
    return new Outcome(views(result.steps()), result.usage(), result.output(), null);
  }

  private Outcome closedUnsuccessfully(WorkflowStub stub, WorkflowExecutionDescription execution) {
    try {
      stub.getResult(PipelineRunResult.class);
      return Outcome.of(null, null);
    } catch (WorkflowFailedException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ApplicationFailure application) {
        RunProgress progress =
            application.getDetails().getSize() > 0
                ? application.getDetails().get(RunProgress.class)
                : null;
        return Outcome.of(
            progress,
            new RunFailure(
                application.getOriginalMessage(),
                application.getType(),
                progress == null ? null : progress.failedStep()));
      }
      if (cause instanceof CanceledFailure) {
        return settled(stub, execution, new RunFailure("run cancelled", "Cancelled", null));
      }
      if (cause instanceof TerminatedFailure terminated) {
        return settled(
            stub, execution, new RunFailure(terminated.getOriginalMessage(), "Terminated", null));
      }
      if (cause instanceof TimeoutFailure) {
        return settled(stub, execution, new RunFailure("run timed out", "TimedOut", null));
      }
      String message = cause == null ? e.getMessage() : cause.getMessage();
      return Outcome.of(null, new RunFailure(message, "Unknown", null));
    }
  }

  /**
   * A run stopped from outside: its last progress, with steps that were still open shown as
   * cancelled for the run's reason.
   */
  private Outcome settled(
      WorkflowStub stub, WorkflowExecutionDescription execution, RunFailure failure) {
    RunProgress progress = progress(stub, execution).orElse(null);
    if (progress == null) {
      return Outcome.of(null, failure);
    }
    List<StepView> steps =
        progress.steps().stream().map(step -> StepView.of(closeOpenStep(step, failure))).toList();
    return new Outcome(steps, progress.usage(), null, failure);
  }

  private static StepProgress closeOpenStep(StepProgress step, RunFailure failure) {
    if (step.status().isTerminal()) {
      return step;
    }
    // The run stopped without ending the step, so it has no end time; it keeps what it spent.
    return step.cancelled(null, step.attempts(), new StepError(failure.type(), failure.message()));
  }

  private static List<StepView> views(List<StepProgress> steps) {
    return steps.stream().map(StepView::of).toList();
  }

  private record Outcome(
      List<StepView> steps, UsageTotals usage, JsonNode output, RunFailure failure) {

    static Outcome of(RunProgress progress, RunFailure failure) {
      return progress == null
          ? new Outcome(List.of(), UsageTotals.ZERO, null, failure)
          : new Outcome(views(progress.steps()), progress.usage(), null, failure);
    }
  }
}
