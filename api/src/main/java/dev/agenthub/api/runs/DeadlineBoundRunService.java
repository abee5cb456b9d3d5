package dev.agenthub.api.runs;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.run.ApprovalDecision;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link RunService} whose every operation waits for Temporal at most one {@link
 * TemporalDeadline}, then fails with {@link RunServiceException.TemporalUnavailable} (503 with
 * {@code Retry-After}). Waiting for a run to close and following its events are long polls by
 * design: they pass through unbounded and fail on their own when Temporal does.
 */
public final class DeadlineBoundRunService implements RunService {

  private final RunService runs;
  private final TemporalDeadline deadline;

  public DeadlineBoundRunService(RunService runs, TemporalDeadline deadline) {
    this.runs = requireNonNull(runs, "runs");
    this.deadline = requireNonNull(deadline, "deadline");
  }

  @Override
  public RunStarted start(
      PipelineDefinition pipeline,
      JsonNode input,
      String workflowId,
      Double budgetUsd,
      String idempotencyKey) {
    return deadline.call(() -> runs.start(pipeline, input, workflowId, budgetUsd, idempotencyKey));
  }

  @Override
  public RunPage list(String pipeline, String status, int pageSize, String pageToken) {
    return deadline.call(() -> runs.list(pipeline, status, pageSize, pageToken));
  }

  @Override
  public RunView describe(String workflowId) {
    return deadline.call(() -> runs.describe(workflowId));
  }

  @Override
  public RunHistory history(String workflowId) {
    return deadline.call(() -> runs.history(workflowId));
  }

  @Override
  public String temporalHistory(String workflowId) {
    return deadline.call(() -> runs.temporalHistory(workflowId));
  }

  @Override
  public String cancel(String workflowId) {
    return deadline.call(() -> runs.cancel(workflowId));
  }

  @Override
  public String terminate(String workflowId, String reason, String terminatedBy) {
    return deadline.call(() -> runs.terminate(workflowId, reason, terminatedBy));
  }

  @Override
  public String decide(String workflowId, ApprovalDecision decision) {
    return deadline.call(() -> runs.decide(workflowId, decision));
  }

  @Override
  public RunStarted retry(String workflowId) {
    return deadline.call(() -> runs.retry(workflowId));
  }

  @Override
  public RunStarted rerun(String workflowId) {
    return deadline.call(() -> runs.rerun(workflowId));
  }

  @Override
  public CompletableFuture<RunView> awaitClose(String workflowId, Duration wait) {
    return runs.awaitClose(workflowId, wait);
  }

  @Override
  public CompletableFuture<Void> follow(String workflowId, long afterEventId, RunEventSink sink) {
    return runs.follow(workflowId, afterEventId, sink);
  }
}
