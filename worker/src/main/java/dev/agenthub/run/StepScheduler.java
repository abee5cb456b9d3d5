package dev.agenthub.run;

import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.dsl.OnError;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.StepDefinition;
import dev.agenthub.dsl.expr.ExpressionException;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * The interpreter's scheduling loop: starts every step whose {@code needs} have settled, each in
 * its own cancellation scope, in definition order; evaluates {@code when} just before a step would
 * start; admits cost-bearing steps against the budget; records each step as it settles; and at the
 * first failure of an {@code onError: fail} step (whether it ran, its {@code when} failed or the
 * budget refused it) cancels the steps still running and starts no more.
 *
 * <p>Workflow-thread only, one instance per run. Deterministic: it reads only the run's state,
 * {@code Workflow.*} time and the promises of the steps it started, and iterates insertion-ordered
 * maps, so the order of the commands it issues is fixed by the definition and the history. That
 * order is pinned by the replay tests over recorded histories; changing it needs {@code
 * Workflow.getVersion}.
 */
final class StepScheduler {

  private static final Logger log = Workflow.getLogger(StepScheduler.class);

  /** The {@code Workflow.getVersion} change id of a failing {@code when} following onError. */
  static final String WHEN_ERROR_CHANGE = "when-error-follows-on-error";

  private final PipelineDefinition pipeline;
  private final RunState state;
  private final StepExecutor executor;
  private final BudgetAdmission admission;
  private final ForEachStep forEach;
  private final RunMetrics metrics;
  private final boolean historyGuard;
  private final Map<String, CancellationScope> scopes = new LinkedHashMap<>();
  private final Map<String, Promise<StepOutcome>> running = new LinkedHashMap<>();
  private Promise<Boolean> deadline;
  private boolean timedOut;

  /**
   * {@code budget} is null when the run has none (or was recorded before the guard existed); {@code
   * deadline} is null when the run has no timeout timer (see {@link RunDeadline#reached}); {@code
   * historyGuard} is false for runs recorded before steps stopped starting past {@link
   * HistorySizeGuard#MAX_HISTORY_BYTES}; {@code maxForEachItems} bounds the elements of each {@code
   * forEach} step.
   */
  StepScheduler(
      PipelineDefinition pipeline,
      RunState state,
      StepExecutor executor,
      AgentCatalog agents,
      BudgetGuard budget,
      RunMetrics metrics,
      Promise<Boolean> deadline,
      boolean historyGuard,
      int maxForEachItems) {
    this.pipeline = pipeline;
    this.state = state;
    this.executor = executor;
    this.admission = new BudgetAdmission(budget, agents, executor, state);
    this.forEach = new ForEachStep(state, executor, admission, historyGuard, maxForEachItems);
    this.metrics = metrics;
    this.deadline = deadline;
    this.historyGuard = historyGuard;
  }

  /**
   * Whether the run's deadline passed before it settled (the steps then running were cancelled).
   */
  boolean timedOut() {
    return timedOut;
  }

  /** Runs the DAG to the end; returns the id of the step that failed the run, if one did. */
  Optional<String> run() {
    String failedStep = null;
    while (true) {
      if (failedStep == null && !timedOut && !CancellationScope.current().isCancelRequested()) {
        failedStep = startReadySteps();
        if (failedStep != null) {
          log.info(
              "step {} stopped the run; cancelling {} running step(s)", failedStep, scopes.size());
          scopes.values().forEach(CancellationScope::cancel);
        }
      }
      if (running.isEmpty()) {
        return Optional.ofNullable(failedStep);
      }
      awaitAStepOrTheDeadline();
      if (deadline != null && deadline.isCompleted()) {
        boolean reached = deadline.get();
        deadline = null;
        if (reached && failedStep == null) {
          timedOut = true;
          log.info("run timed out; cancelling {} running step(s)", scopes.size());
          scopes.values().forEach(CancellationScope::cancel);
        }
      }
      for (String id : List.copyOf(running.keySet())) {
        Promise<StepOutcome> promise = running.get(id);
        if (!promise.isCompleted()) {
          continue;
        }
        running.remove(id);
        scopes.remove(id);
        StepDefinition step = pipeline.step(id).orElseThrow();
        record(step, promise.get());
        admission.release(id);
        recordMetrics(step);
        if (failedStep == null && failsRun(step)) {
          failedStep = id;
          log.info("step {} failed; cancelling {} running step(s)", id, scopes.size());
          scopes.values().forEach(CancellationScope::cancel);
        }
      }
    }
  }

  private void awaitAStepOrTheDeadline() {
    if (deadline == null) {
      // Exactly as before the deadline existed, for runs without one and for recorded histories.
      Promise.anyOf(running.values()).get();
      return;
    }
    List<Promise<?>> awaited = new ArrayList<>(running.values());
    awaited.add(deadline);
    Promise.anyOf(awaited.toArray(new Promise<?>[0])).get();
  }

  /**
   * Starts every ready step; returns the id of a step that stops the run before it starts (the
   * budget refused it, or its {@code when} failed and its {@code onError} is {@code fail}); none
   * start after it.
   */
  private String startReadySteps() {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (StepDefinition step : pipeline.steps()) {
        if (!isReady(step)) {
          continue;
        }
        changed = true;
        if (!shouldRun(step)) {
          if (failsRun(step) && whenErrorsFollowOnError()) {
            return step.id();
          }
          continue;
        }
        Optional<StepError> refusal =
            (historyGuard ? HistorySizeGuard.refusal() : Optional.<StepError>empty())
                .or(
                    () ->
                        step.forEach() == null
                            ? admission.admit(step.id(), step, null)
                            : Optional.empty());
        if (refusal.isPresent()) {
          state.running(step.id(), now());
          record(step, StepOutcome.failed(0, refusal.get()));
          return step.id();
        }
        state.running(step.id(), now());
        List<Promise<StepOutcome>> holder = new ArrayList<>(1);
        CancellationScope scope =
            Workflow.newCancellationScope(
                () ->
                    holder.add(
                        step.forEach() == null
                            ? Async.function(executor::execute, step)
                            : Async.function(forEach::execute, step)));
        scope.run();
        scopes.put(step.id(), scope);
        running.put(step.id(), holder.get(0));
      }
    }
    return null;
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
    // A forEach step evaluates its when per element, with item and index in scope.
    if (step.when() == null || step.forEach() != null) {
      return true;
    }
    try {
      if (state.test(step.when())) {
        return true;
      }
      state.running(step.id(), now());
      record(step, StepOutcome.skipped(0, "when `" + step.when() + "` is false"));
    } catch (ExpressionException e) {
      state.running(step.id(), now());
      record(step, StepOutcome.failed(0, StepErrors.ofExpression(e)));
    } catch (RuntimeException e) {
      if (StepErrors.belongsToTemporal(e)) {
        throw e;
      }
      state.running(step.id(), now());
      record(step, StepOutcome.failed(0, StepErrors.evaluationFailed("when", e)));
    }
    return false;
  }

  private void record(StepDefinition step, StepOutcome outcome) {
    Instant at = now();
    switch (outcome.kind()) {
      case SUCCEEDED ->
          state.succeeded(step.id(), at, outcome.output(), outcome.attempts(), outcome.usage());
      case FAILED -> state.failed(step.id(), at, outcome.attempts(), outcome.error());
      case SKIPPED -> state.skipped(step.id(), at, outcome.attempts(), outcome.error());
      case CANCELLED -> state.cancelled(step.id(), at, outcome.attempts(), outcome.error());
    }
  }

  /**
   * Whether a failing {@code when} stops the run like any other failure of an {@code onError: fail}
   * step. Runs recorded before this change went on to start the step's dependents, so they replay
   * that way.
   */
  private static boolean whenErrorsFollowOnError() {
    return Workflow.getVersion(WHEN_ERROR_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  private boolean failsRun(StepDefinition step) {
    StepStatus status = state.step(step.id()).status();
    return status == StepStatus.FAILED && step.onError() == OnError.FAIL;
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
