package dev.agenthub.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.agents.AgentSpec;
import dev.agenthub.dsl.OnError;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.StepDefinition;
import dev.agenthub.dsl.StepType;
import dev.agenthub.dsl.expr.CelExpressions;
import dev.agenthub.dsl.expr.ExpressionException;
import dev.agenthub.dsl.expr.Templates;
import dev.agenthub.telemetry.MetricNames;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * The pipeline interpreter. Starts every step whose {@code needs} have settled, all at once, each
 * in its own cancellation scope; evaluates {@code when} just before a step would start; stops the
 * run at the first failure of an {@code onError: fail} step, cancelling the steps still running.
 *
 * <p>Deterministic by construction: it reads only its input, {@code Workflow.*} time and the
 * results of activities, signals and timers; expressions are pure CEL.
 */
public final class PipelineWorkflowImpl implements PipelineWorkflow {

  private static final Logger log = Workflow.getLogger(PipelineWorkflowImpl.class);
  private static final AgentCatalog AGENTS = AgentCatalog.builtIn();

  /** The {@code Workflow.getVersion} change id of the budget guard. */
  static final String BUDGET_GUARD_CHANGE = "budget-guard";

  private final Map<String, ApprovalDecision> decisions = new HashMap<>();
  private RunState state;
  private RunMetrics metrics;
  private BudgetGuard budget;

  @Override
  public PipelineRunResult run(PipelineRunInput input) {
    metrics = new RunMetrics(input.pipeline().name());
    metrics.runStarted();
    try {
      PipelineRunResult result = interpret(input);
      metrics.runCompleted(MetricNames.SUCCEEDED);
      return result;
    } catch (CanceledFailure e) {
      metrics.runCompleted(MetricNames.CANCELLED);
      throw e;
    } catch (ApplicationFailure e) {
      if (FailureTypes.BUDGET_EXCEEDED.equals(e.getType())) {
        metrics.budgetExceeded();
        metrics.runCompleted(MetricNames.BUDGET_EXCEEDED_STATUS);
      } else {
        metrics.runCompleted(MetricNames.FAILED);
      }
      throw e;
    }
  }

  private PipelineRunResult interpret(PipelineRunInput input) {
    PipelineDefinition pipeline = input.pipeline();
    // Runs recorded before the budget guard existed replay without it (no marker in their history).
    int version = Workflow.getVersion(BUDGET_GUARD_CHANGE, Workflow.DEFAULT_VERSION, 1);
    budget = version >= 1 ? BudgetGuard.of(input).orElse(null) : null;
    WorkflowInfo info = Workflow.getInfo();
    state = new RunState(pipeline, input.input(), runVariable(info, pipeline, input.retryOf()));
    input.reusedSteps().values().stream()
        .filter(reused -> pipeline.step(reused.id()).isPresent())
        .forEach(reused -> state.update(asReused(reused)));
    StepExecutor executor =
        new StepExecutor(state, decisions, AGENTS, pipeline.name(), info.getWorkflowId());

    String failedStep = schedule(pipeline, executor);

    if (CancellationScope.current().isCancelRequested()) {
      markUnreached("run cancelled");
      state.finish(RunStatus.CANCELLED, null);
      throw new CanceledFailure("run cancelled");
    }
    if (failedStep != null) {
      markUnreached("run stopped after step \"" + failedStep + "\" failed");
      state.finish(RunStatus.FAILED, failedStep);
      StepError error = state.step(failedStep).error();
      if (FailureTypes.BUDGET_EXCEEDED.equals(error.type())) {
        throw ApplicationFailure.newNonRetryableFailure(
            "step \"" + failedStep + "\" " + error.message(),
            FailureTypes.BUDGET_EXCEEDED,
            state.progress());
      }
      throw ApplicationFailure.newNonRetryableFailure(
          "step \"" + failedStep + "\" failed: " + error.type() + ": " + error.message(),
          FailureTypes.STEP_FAILED,
          state.progress());
    }
    JsonNode output = evaluateOutput(pipeline);
    state.finish(RunStatus.SUCCEEDED, null);
    RunProgress progress = state.progress();
    return new PipelineRunResult(
        pipeline.name(), pipeline.version(), output, progress.steps(), progress.usage());
  }

  /** Runs the DAG to the end; returns the id of the step that failed the run, or null. */
  private String schedule(PipelineDefinition pipeline, StepExecutor executor) {
    Map<String, CancellationScope> scopes = new LinkedHashMap<>();
    Map<String, Promise<StepOutcome>> running = new LinkedHashMap<>();
    String failedStep = null;
    while (true) {
      if (failedStep == null && !CancellationScope.current().isCancelRequested()) {
        failedStep = startReadySteps(pipeline, executor, scopes, running);
        if (failedStep != null) {
          log.info("step {} over budget; cancelling {} running step(s)", failedStep, scopes.size());
          scopes.values().forEach(CancellationScope::cancel);
        }
      }
      if (running.isEmpty()) {
        return failedStep;
      }
      Promise.anyOf(running.values()).get();
      for (String id : List.copyOf(running.keySet())) {
        Promise<StepOutcome> promise = running.get(id);
        if (!promise.isCompleted()) {
          continue;
        }
        running.remove(id);
        scopes.remove(id);
        StepDefinition step = pipeline.step(id).orElseThrow();
        record(step, promise.get());
        if (budget != null) {
          budget.release(id);
        }
        recordMetrics(step);
        if (failedStep == null && failsRun(step)) {
          failedStep = id;
          log.info("step {} failed; cancelling {} running step(s)", id, scopes.size());
          scopes.values().forEach(CancellationScope::cancel);
        }
      }
    }
  }

  /** Starts every ready step; returns the id of a step the budget refused (none start after it). */
  private String startReadySteps(
      PipelineDefinition pipeline,
      StepExecutor executor,
      Map<String, CancellationScope> scopes,
      Map<String, Promise<StepOutcome>> running) {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (StepDefinition step : pipeline.steps()) {
        if (!isReady(step)) {
          continue;
        }
        changed = true;
        if (!shouldRun(step)) {
          continue;
        }
        Optional<StepError> refusal = checkBudget(step, executor);
        if (refusal.isPresent()) {
          state.started(step.id(), now(), StepStatus.RUNNING);
          record(step, StepOutcome.failed(0, refusal.get()));
          return step.id();
        }
        state.started(step.id(), now(), StepStatus.RUNNING);
        List<Promise<StepOutcome>> holder = new ArrayList<>(1);
        CancellationScope scope =
            Workflow.newCancellationScope(
                () -> holder.add(Async.function(executor::execute, step)));
        scope.run();
        scopes.put(step.id(), scope);
        running.put(step.id(), holder.get(0));
      }
    }
    return null;
  }

  /** Admits a cost-bearing step against the run's budget, reserving its worst case. */
  private Optional<StepError> checkBudget(StepDefinition step, StepExecutor executor) {
    if (budget == null
        || step.type() != StepType.AGENT
        || !AGENTS.find(step.agent()).map(AgentSpec::costBearing).orElse(false)) {
      return Optional.empty();
    }
    double worstCase;
    try {
      worstCase = budget.worstCaseUsd(step.agent(), executor.arguments(step));
    } catch (ExpressionException e) {
      // The step fails on the same expression when it runs; there is nothing to reserve.
      worstCase = 0;
    }
    return budget.admit(step.id(), worstCase, state.usage().costUsd());
  }

  private void recordMetrics(StepDefinition step) {
    StepProgress progress = state.step(step.id());
    if (progress.startedAt() == null || progress.endedAt() == null) {
      return;
    }
    metrics.stepSettled(
        step.id(),
        step.kind(),
        progress.status().name().toLowerCase(Locale.ROOT),
        Duration.between(progress.startedAt(), progress.endedAt()),
        progress.attempts());
  }

  private boolean isReady(StepDefinition step) {
    return state.step(step.id()).status() == StepStatus.PENDING
        && step.needs().stream().allMatch(state::isSettled);
  }

  /** Evaluates {@code when}; a false or failing condition settles the step at once. */
  private boolean shouldRun(StepDefinition step) {
    if (step.when() == null) {
      return true;
    }
    try {
      if (CelExpressions.test(step.when(), state.variables())) {
        return true;
      }
      state.started(step.id(), now(), StepStatus.RUNNING);
      record(step, StepOutcome.skipped(0, "when `" + step.when() + "` is false"));
    } catch (ExpressionException e) {
      state.started(step.id(), now(), StepStatus.RUNNING);
      record(
          step,
          StepOutcome.failed(0, new StepError(FailureTypes.EXPRESSION_ERROR, e.getMessage())));
    }
    return false;
  }

  private void record(StepDefinition step, StepOutcome outcome) {
    Instant at = now();
    switch (outcome.kind()) {
      case SUCCEEDED ->
          state.succeeded(step.id(), at, outcome.output(), outcome.attempts(), outcome.usage());
      case FAILED ->
          state.settled(step.id(), StepStatus.FAILED, at, outcome.attempts(), outcome.error());
      case SKIPPED ->
          state.settled(step.id(), StepStatus.SKIPPED, at, outcome.attempts(), outcome.error());
      case CANCELLED ->
          state.settled(step.id(), StepStatus.CANCELLED, at, outcome.attempts(), outcome.error());
    }
  }

  private boolean failsRun(StepDefinition step) {
    StepStatus status = state.step(step.id()).status();
    return status == StepStatus.FAILED && step.onError() == OnError.FAIL;
  }

  private void markUnreached(String reason) {
    for (StepProgress step : state.steps()) {
      if (step.status() == StepStatus.PENDING) {
        state.settled(step.id(), StepStatus.SKIPPED, null, 0, new StepError("NotReached", reason));
      }
    }
  }

  private JsonNode evaluateOutput(PipelineDefinition pipeline) {
    if (pipeline.output() == null) {
      return null;
    }
    try {
      return Templates.render(pipeline.output(), state.variables());
    } catch (ExpressionException e) {
      state.finish(RunStatus.FAILED, null);
      throw ApplicationFailure.newNonRetryableFailure(
          "output: " + e.getMessage(), FailureTypes.EXPRESSION_ERROR, state.progress());
    }
  }

  @Override
  public void decide(ApprovalDecision decision) {
    if (state == null || decision == null || decision.stepId() == null) {
      return;
    }
    StepProgress step = state.step(decision.stepId());
    if (step == null || !"approval".equals(step.kind()) || step.status().isTerminal()) {
      log.warn("ignoring decision for step {}: not an open approval", decision.stepId());
      return;
    }
    decisions.putIfAbsent(decision.stepId(), decision);
  }

  @Override
  public RunProgress progress() {
    return state == null ? null : state.progress();
  }

  @Override
  public Map<String, StepProgress> succeededSteps() {
    return state == null ? Map.of() : state.succeededSteps();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  private static ObjectNode runVariable(
      WorkflowInfo info, PipelineDefinition pipeline, String retryOf) {
    ObjectNode run = JsonNodeFactory.instance.objectNode();
    run.put("id", info.getWorkflowId());
    run.put("runId", info.getRunId());
    run.put("pipeline", pipeline.name());
    run.put("version", pipeline.version());
    run.put("retryOf", retryOf);
    return run;
  }

  private static StepProgress asReused(StepProgress earlier) {
    return new StepProgress(
        earlier.id(),
        earlier.kind(),
        StepStatus.SUCCEEDED,
        earlier.attempts(),
        earlier.startedAt(),
        earlier.endedAt(),
        earlier.output(),
        earlier.outputBytes(),
        false,
        null,
        earlier.usage(),
        true);
  }
}
