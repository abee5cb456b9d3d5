package dev.agenthub.api.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.cost.PriceTable;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.run.ApprovalDecision;
import dev.agenthub.run.PipelineRunInput;
import dev.agenthub.run.PipelineRunResult;
import dev.agenthub.run.RunIds;
import dev.agenthub.run.RunProgress;
import dev.agenthub.run.StepProgress;
import dev.agenthub.run.StepStatus;
import dev.agenthub.telemetry.MetricNames;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowTargetOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * {@link RunService} over a Temporal client. Every run is started with a workflow id that cannot be
 * reused (see {@link RunStarter}), which is what makes {@code Idempotency-Key}s and retries
 * idempotent: Temporal admits exactly one start per id, however many requests race for it.
 */
public final class TemporalRunService implements RunService {

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(TemporalRunService.class);

  private final WorkflowClient client;
  private final RunStarter starter;
  private final RunListing listing;
  private final RunDescriber describer;
  private final HistoryNarrator narrator;
  private final RunRestarts restarts;
  private final MeterRegistry meters;
  private final RunFollower follower;
  private final Executor executor;

  /**
   * A service over {@code client}, starting runs on {@code taskQueue} and listing them as {@code
   * listing} says (usually {@code Listing.parse(settings.listing())}).
   */
  public TemporalRunService(WorkflowClient client, String taskQueue, Listing listing) {
    this(client, taskQueue, listing, PriceTable.loadDefault(), new CompositeMeterRegistry());
  }

  /**
   * A service as above that prices budgets with {@code prices} and counts the runs it terminates in
   * {@code meters} (workflow code never sees a termination, so the worker cannot count it).
   */
  public TemporalRunService(
      WorkflowClient client,
      String taskQueue,
      Listing listing,
      PriceTable prices,
      MeterRegistry meters) {
    this(client, taskQueue, listing, prices, meters, AgentCatalog.builtIn(), Runnable::run);
  }

  /**
   * A service as above whose runs snapshot the declarations of {@code agents} they use, and that
   * handles the answers of long polls (awaited closes, followed runs) on {@code executor}.
   */
  public TemporalRunService(
      WorkflowClient client,
      String taskQueue,
      Listing listing,
      PriceTable prices,
      MeterRegistry meters,
      AgentCatalog agents,
      Executor executor) {
    this.client = client;
    this.meters = meters;
    this.executor = executor;
    this.starter = new RunStarter(client, taskQueue, prices, Clock.systemUTC(), agents);
    this.listing = new RunListing(client, listing);
    this.describer = new RunDescriber(client, new WaitingForWorker(agents, taskQueue));
    this.narrator = new HistoryNarrator(client.getOptions().getDataConverter());
    this.restarts = new RunRestarts(client, starter, this.describer, this.listing);
    this.follower =
        new RunFollower(
            client.getWorkflowServiceStubs(),
            client.getOptions().getNamespace(),
            narrator,
            executor);
  }

  @Override
  public RunStarted start(
      PipelineDefinition pipeline,
      JsonNode input,
      String workflowId,
      Double budgetUsd,
      String idempotencyKey) {
    RunRequests.checkCallerWorkflowId(workflowId);
    RunRequests.checkBudget(pipeline, budgetUsd);
    JsonNode runInput = input == null ? JsonNodeFactory.instance.objectNode() : input;
    String id =
        workflowId != null
            ? workflowId
            : idempotencyKey != null
                ? RunRequests.idempotentWorkflowId(pipeline.name(), idempotencyKey)
                : RunIds.newWorkflowId(pipeline.name());
    String hash = idempotencyKey == null ? null : RunRequests.requestHash(runInput, budgetUsd);
    Map<String, Object> memo = hash == null ? Map.of() : Map.of(RunStarter.MEMO_REQUEST_HASH, hash);
    try {
      RunStarted started =
          started(
              id,
              pipeline.name(),
              starter.start(
                  id,
                  new PipelineRunInput(pipeline, runInput, Map.of(), budgetUsd, null),
                  memo,
                  listing.usesVisibility()));
      log.info("started run {} of pipeline {}", id, pipeline.name());
      return started;
    } catch (WorkflowExecutionAlreadyStarted e) {
      if (hash == null) {
        throw new RunServiceException.RunAlreadyExists(id);
      }
      WorkflowExecutionDescription existing = describer.execution(id);
      if (!hash.equals(RunDescriber.memo(existing, RunStarter.MEMO_REQUEST_HASH))) {
        throw new RunServiceException.IdempotencyKeyReused(id);
      }
      return existing(existing, pipeline.name());
    } catch (RuntimeException e) {
      throw TemporalErrors.translate(e, id);
    }
  }

  @Override
  public RunPage list(String pipeline, String status, int pageSize, String pageToken) {
    return listing.list(pipeline, status, pageSize, pageToken);
  }

  @Override
  public RunView describe(String workflowId) {
    return describer.describe(workflowId);
  }

  @Override
  public CompletableFuture<RunView> awaitClose(String workflowId, Duration wait) {
    return client
        .newUntypedWorkflowStub(workflowId)
        .getResultAsync(wait.toMillis(), TimeUnit.MILLISECONDS, PipelineRunResult.class)
        .handleAsync(
            (result, failure) -> {
              Throwable cause =
                  failure instanceof CompletionException ? failure.getCause() : failure;
              if (cause == null
                  || cause instanceof TimeoutException
                  || cause instanceof WorkflowFailedException) {
                return describer.describe(workflowId, result);
              }
              throw TemporalErrors.translate(
                  cause instanceof RuntimeException e ? e : new CompletionException(cause),
                  workflowId);
            },
            executor);
  }

  @Override
  public CompletableFuture<Void> follow(String workflowId, long afterEventId, RunEventSink sink) {
    describer.execution(workflowId);
    return follower.follow(workflowId, afterEventId, sink);
  }

  @Override
  public RunHistory history(String workflowId) {
    return new RunHistory(
        workflowId,
        narrator.narrate(call(workflowId, () -> client.fetchHistory(workflowId).getEvents())));
  }

  @Override
  public String temporalHistory(String workflowId) {
    return call(workflowId, () -> client.fetchHistory(workflowId).toJson(true));
  }

  @Override
  public String cancel(String workflowId) {
    WorkflowStub stub = running(workflowId);
    whileRunning(workflowId, () -> stub.cancel());
    return stub.getExecution().getRunId();
  }

  @Override
  public String terminate(String workflowId, String reason, String terminatedBy) {
    WorkflowExecutionDescription execution = describer.execution(workflowId);
    String status = RunStatuses.of(execution.getStatus());
    if (!RunStatuses.RUNNING.equals(status)) {
      throw notRunning(workflowId, status);
    }
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            WorkflowTargetOptions.newBuilder()
                .setWorkflowExecution(execution.getExecution())
                .build());
    String why = reason == null || reason.isBlank() ? "no reason given" : reason.strip();
    String recorded = terminatedBy == null ? why : why + " (by " + terminatedBy + ")";
    whileRunning(workflowId, () -> stub.terminate(recorded));
    String pipeline = RunDescriber.memo(execution, RunStarter.MEMO_PIPELINE);
    meters
        .counter(
            MetricNames.RUNS_COMPLETED,
            MetricNames.PIPELINE,
            pipeline == null ? "unknown" : pipeline,
            MetricNames.STATUS,
            MetricNames.TERMINATED)
        .increment();
    return execution.getExecution().getRunId();
  }

  @Override
  public String decide(String workflowId, ApprovalDecision decision) {
    WorkflowExecutionDescription execution = describer.execution(workflowId);
    boolean running = RunStatuses.RUNNING.equals(RunStatuses.of(execution.getStatus()));
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            WorkflowTargetOptions.newBuilder()
                .setWorkflowExecution(execution.getExecution())
                .build());
    Optional<RunProgress> progress = RunDescriber.progress(stub);
    Optional<StepProgress> step =
        progress.flatMap(
            p -> p.steps().stream().filter(s -> s.id().equals(decision.stepId())).findFirst());
    if (progress.isPresent() && step.isEmpty()) {
      throw new RunServiceException.StepNotFound(workflowId, decision.stepId());
    }
    if (!running
        || step.isEmpty()
        || !"approval".equals(step.get().kind())
        || step.get().status() != StepStatus.WAITING_APPROVAL) {
      throw RunServiceException.StepNotWaiting.inStatus(
          workflowId, decision.stepId(), step.map(s -> s.status().wireName()).orElse("unknown"));
    }
    // The check above answers the common cases with the step's status; the run's own validator
    // settles races (two decisions at once, a step that moved on since).
    ApprovalUpdates.send(stub, workflowId, decision);
    return execution.getExecution().getRunId();
  }

  @Override
  public RunStarted retry(String workflowId) {
    return restarts.retry(workflowId);
  }

  @Override
  public RunStarted rerun(String workflowId) {
    return restarts.rerun(workflowId);
  }

  private WorkflowStub running(String workflowId) {
    WorkflowExecutionDescription execution = describer.execution(workflowId);
    String status = RunStatuses.of(execution.getStatus());
    if (!RunStatuses.RUNNING.equals(status)) {
      throw notRunning(workflowId, status);
    }
    return client.newUntypedWorkflowStub(
        WorkflowTargetOptions.newBuilder().setWorkflowExecution(execution.getExecution()).build());
  }

  /** Runs {@code action} on a run seen running a moment ago; NOT_FOUND now means it closed. */
  private void whileRunning(String workflowId, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      if (TemporalErrors.grpcCode(e).orElse(null) == Status.Code.NOT_FOUND) {
        throw notRunning(workflowId, "closed");
      }
      throw TemporalErrors.translate(e, workflowId);
    }
  }

  private static RunServiceException notRunning(String workflowId, String status) {
    return new RunServiceException.RunNotRunning(workflowId, status);
  }

  static RunStarted started(String id, String pipeline, WorkflowExecution execution) {
    return new RunStarted(
        id,
        execution.getRunId(),
        pipeline,
        RunStatuses.RUNNING,
        true,
        null,
        RunStarter.currentTraceId());
  }

  static RunStarted existing(WorkflowExecutionDescription execution, String pipeline) {
    String name = RunDescriber.memo(execution, RunStarter.MEMO_PIPELINE);
    return new RunStarted(
        execution.getExecution().getWorkflowId(),
        execution.getExecution().getRunId(),
        name == null ? pipeline : name,
        RunStatuses.of(execution.getStatus()),
        false,
        null,
        RunDescriber.memo(execution, RunStarter.MEMO_TRACE_ID));
  }

  static <T> T call(String workflowId, Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      throw TemporalErrors.translate(e, workflowId);
    }
  }
}
