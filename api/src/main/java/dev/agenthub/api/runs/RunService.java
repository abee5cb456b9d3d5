package dev.agenthub.api.runs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.run.ApprovalDecision;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Everything the API does with runs, over Temporal. Views come back without links (resources add
 * them). Failures are {@link RunServiceException}s, which say what went wrong in the service's
 * terms; {@code dev.agenthub.api.errors} decides how they look over HTTP.
 */
public interface RunService {

  /**
   * Starts a run of {@code pipeline}. Input has been validated already.
   *
   * @param workflowId the caller's id, or {@code null} for {@code <pipeline>-<ULID>}
   * @param idempotencyKey when non-null, a repeat with the same key returns the first run ({@code
   *     created == false}) instead of starting another
   */
  RunStarted start(
      PipelineDefinition pipeline,
      JsonNode input,
      String workflowId,
      Double budgetUsd,
      String idempotencyKey);

  /** Runs newest first, optionally filtered by pipeline and status. */
  RunPage list(String pipeline, String status, int pageSize, String pageToken);

  RunView describe(String workflowId);

  /**
   * The run's view as soon as it closes, or when {@code wait} ends first (then still running). It
   * waits on Temporal's long poll for the close event, holding no thread and asking no worker while
   * it waits.
   */
  CompletableFuture<RunView> awaitClose(String workflowId, Duration wait);

  /**
   * Sends the run's events derived from history events after {@code afterEventId} (0 for all) to
   * {@code sink} as they happen, through the run-closed event.
   *
   * @return completes when following is over; fails when Temporal does
   * @throws RunServiceException.RunNotFound at once when there is no such run
   */
  CompletableFuture<Void> follow(String workflowId, long afterEventId, RunEventSink sink);

  RunHistory history(String workflowId);

  /** The history in Temporal's own JSON form, as {@code WorkflowReplayer} accepts it. */
  String temporalHistory(String workflowId);

  /**
   * Asks a running run to cancel.
   *
   * @return the run id of the execution that was asked (for its links)
   */
  String cancel(String workflowId);

  /**
   * Terminates a running run, recording {@code reason} and who did it.
   *
   * @return the run id of the execution that was terminated (for its links)
   */
  String terminate(String workflowId, String reason, String terminatedBy);

  /**
   * Approves or rejects a waiting approval step, returning once the run has taken the decision.
   *
   * @return the run id of the execution that received the decision (for its links)
   * @throws RunServiceException.StepNotWaiting the step is not an approval waiting for a decision
   * @throws RunServiceException.DecisionConflict another decision for the step was taken first
   */
  String decide(String workflowId, ApprovalDecision decision);

  /**
   * Starts a new run of a failed, timed-out, cancelled or terminated run that reuses the outputs of
   * its succeeded steps. Its id is {@code <workflowId>.retry}, so a repeat returns it again.
   */
  RunStarted retry(String workflowId);

  /** Starts a fresh run with the same input and definition snapshot. */
  RunStarted rerun(String workflowId);
}
