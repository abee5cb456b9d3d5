package dev.agenthub.api.runs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.cost.UsageTotals;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.run.ApprovalDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** An in-memory {@link RunService} that records what resources asked of it. */
public final class FakeRunService implements RunService {

  final Map<String, RunView> runs = new LinkedHashMap<>();
  final Map<String, String> idempotencyKeys = new LinkedHashMap<>();
  public final List<String> calls = new ArrayList<>();
  public JsonNode lastInput;
  public Double lastBudget;
  ApprovalDecision lastDecision;
  String lastTerminateReason;
  String lastTerminatedBy;

  RunView add(String workflowId, String pipeline, String status) {
    RunView run =
        new RunView(
            workflowId,
            "run-" + workflowId,
            pipeline,
            "1",
            status,
            Instant.parse("2026-11-25T00:00:00Z"),
            null,
            List.of(),
            UsageTotals.ZERO,
            null,
            null,
            null,
            null,
            null,
            null,
            List.of());
    runs.put(workflowId, run);
    return run;
  }

  private RunView existing(String workflowId) {
    RunView run = runs.get(workflowId);
    if (run == null) {
      throw new RunServiceException.RunNotFound(workflowId);
    }
    return run;
  }

  @Override
  public RunStarted start(
      PipelineDefinition pipeline,
      JsonNode input,
      String workflowId,
      Double budgetUsd,
      String key) {
    calls.add("start " + pipeline.name());
    lastInput = input;
    lastBudget = budgetUsd;
    if (key != null && idempotencyKeys.containsKey(key)) {
      RunView run = runs.get(idempotencyKeys.get(key));
      return new RunStarted(
          run.workflowId(), run.runId(), pipeline.name(), run.status(), false, null, null);
    }
    String id = workflowId != null ? workflowId : pipeline.name() + "-" + (runs.size() + 1);
    RunView run = add(id, pipeline.name(), "running");
    if (key != null) {
      idempotencyKeys.put(key, id);
    }
    return new RunStarted(id, run.runId(), pipeline.name(), "running", true, null, null);
  }

  @Override
  public RunPage list(String pipeline, String status, int pageSize, String pageToken) {
    calls.add("list " + pipeline + " " + status + " " + pageSize + " " + pageToken);
    List<RunSummary> summaries =
        runs.values().stream()
            .filter(r -> pipeline == null || r.pipeline().equals(pipeline))
            .map(
                r ->
                    new RunSummary(
                        r.workflowId(),
                        r.runId(),
                        r.pipeline(),
                        r.pipelineVersion(),
                        r.status(),
                        r.startedAt(),
                        r.closedAt(),
                        null))
            .toList();
    return new RunPage(summaries, null, "scan");
  }

  @Override
  public RunView describe(String workflowId) {
    return existing(workflowId);
  }

  @Override
  public RunHistory history(String workflowId) {
    existing(workflowId);
    return new RunHistory(
        workflowId,
        List.of(
            new HistoryEventView(
                1,
                Instant.parse("2026-11-25T00:00:00Z"),
                "WORKFLOW_EXECUTION_STARTED",
                null,
                null,
                null,
                null)));
  }

  @Override
  public String temporalHistory(String workflowId) {
    existing(workflowId);
    return "{\"events\":[]}";
  }

  @Override
  public String cancel(String workflowId) {
    requireRunning(workflowId);
    calls.add("cancel " + workflowId);
    return existing(workflowId).runId();
  }

  @Override
  public String terminate(String workflowId, String reason, String terminatedBy) {
    requireRunning(workflowId);
    lastTerminateReason = reason;
    lastTerminatedBy = terminatedBy;
    calls.add("terminate " + workflowId);
    return existing(workflowId).runId();
  }

  @Override
  public String decide(String workflowId, ApprovalDecision decision) {
    requireRunning(workflowId);
    lastDecision = decision;
    calls.add(
        (decision.approved() ? "approve " : "reject ") + workflowId + " " + decision.stepId());
    return existing(workflowId).runId();
  }

  @Override
  public RunStarted retry(String workflowId) {
    RunView old = existing(workflowId);
    if (old.status().equals("running") || old.status().equals("succeeded")) {
      throw new RunServiceException.RunNotRetryable(workflowId, old.status());
    }
    RunView retry = add(workflowId + ".retry", old.pipeline(), "running");
    return new RunStarted(
        retry.workflowId(), retry.runId(), old.pipeline(), "running", true, null, null);
  }

  @Override
  public RunStarted rerun(String workflowId) {
    RunView old = existing(workflowId);
    RunView rerun = add(old.pipeline() + "-rerun", old.pipeline(), "running");
    return new RunStarted(
        rerun.workflowId(), rerun.runId(), old.pipeline(), "running", true, null, null);
  }

  private void requireRunning(String workflowId) {
    if (!existing(workflowId).status().equals("running")) {
      throw new RunServiceException.RunNotRunning(workflowId, existing(workflowId).status());
    }
  }

  /** Events {@link #follow} sends, oldest first. */
  public final List<RunEvent> events = new ArrayList<>();

  @Override
  public CompletableFuture<RunView> awaitClose(String workflowId, Duration wait) {
    calls.add("awaitClose " + workflowId + " " + wait);
    return CompletableFuture.completedFuture(existing(workflowId));
  }

  @Override
  public CompletableFuture<Void> follow(String workflowId, long afterEventId, RunEventSink sink) {
    existing(workflowId);
    calls.add("follow " + workflowId + " after " + afterEventId);
    for (RunEvent event : events) {
      if (event.id() > afterEventId && !sink.send(event)) {
        break;
      }
    }
    return CompletableFuture.completedFuture(null);
  }
}
