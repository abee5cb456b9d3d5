package dev.agenthub.api.runs;

import java.time.Instant;

/**
 * One run in a listing.
 *
 * @param workflowId the run's workflow id (its id in this API)
 * @param runId Temporal's run id
 * @param pipeline pipeline name
 * @param pipelineVersion pipeline version
 * @param status running, succeeded, failed, cancelled, terminated, timed_out
 * @param startedAt start time
 * @param closedAt close time, or {@code null} while running
 * @param links where to look at it
 */
public record RunSummary(
    String workflowId,
    String runId,
    String pipeline,
    String pipelineVersion,
    String status,
    Instant startedAt,
    Instant closedAt,
    Links links) {

  public RunSummary withLinks(Links newLinks) {
    return new RunSummary(
        workflowId, runId, pipeline, pipelineVersion, status, startedAt, closedAt, newLinks);
  }
}
