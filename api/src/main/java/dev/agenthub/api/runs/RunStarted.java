package dev.agenthub.api.runs;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The answer to a start, retry or rerun.
 *
 * @param workflowId the run's id
 * @param runId Temporal's run id
 * @param pipeline pipeline name
 * @param status {@code running} for a new run; the current status of an existing one
 * @param created false when an earlier request with the same {@code Idempotency-Key} (or an earlier
 *     retry) already started this run
 * @param links where to look at it
 * @param traceId the trace the run was started in, or {@code null}
 */
public record RunStarted(
    String workflowId,
    String runId,
    String pipeline,
    String status,
    @JsonIgnore boolean created,
    Links links,
    @JsonIgnore String traceId) {

  public RunStarted withLinks(Links newLinks) {
    return new RunStarted(workflowId, runId, pipeline, status, created, newLinks, traceId);
  }
}
