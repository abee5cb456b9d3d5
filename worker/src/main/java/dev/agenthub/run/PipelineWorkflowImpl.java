package dev.agenthub.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.dsl.Durations;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.expr.ExpressionException;
import dev.agenthub.dsl.expr.ExpressionLimits;
import dev.agenthub.telemetry.MetricNames;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The pipeline interpreter: sets up a run's state (reused steps, budget, metrics), hands the step
 * graph to {@link StepScheduler}, then settles the run: marks unreached steps, renders the {@code
 * output} template, and returns the result or fails with the progress in the failure's details.
 * Also takes approval decisions (the {@code decideApproval} update, and the older {@code decide}
 * signal) and answers the progress queries.
 *
 * <p>Deterministic by construction: it reads only its input, {@code Workflow.*} time and the
 * results of activities, signals and timers; expressions are pure CEL.
 */
public final class PipelineWorkflowImpl implements PipelineWorkflow {

  private static final Logger log = Workflow.getLogger(PipelineWorkflowImpl.class);

  /** The {@code Workflow.getVersion} change id of the budget guard. */
  static final String BUDGET_GUARD_CHANGE = "budget-guard";

  /** The {@code Workflow.getVersion} change id of the pipeline timeout as a workflow timer. */
  static final String PIPELINE_TIMEOUT_CHANGE = "pipeline-timeout";

  /**
   * The {@code Workflow.getVersion} change id of the budget guard reading {@code max_tokens} as the
   * llm agent does and refusing models without a price.
   */
  static final String BUDGET_WORST_CASE_CHANGE = "budget-worst-case";

  /** The {@code Workflow.getVersion} change id of the limits on evaluating expressions. */
  static final String EXPRESSION_LIMITS_CHANGE = "expression-limits";

  /**
   * The {@code Workflow.getVersion} change id of the {@link RunOutcomeMemo} a run writes when its
   * pipeline timeout closes it.
   */
  static final String TIMED_OUT_MEMO_CHANGE = "timed-out-memo";

  private final ApprovalDecisions decisions = new ApprovalDecisions();
  private final AgentLoopProgress loopProgress = new AgentLoopProgress(decisions.tools());
  private final ReportedUsage reportedUsage;
  private RunState state;
  private RunMetrics metrics;

  /** An interpreter that reports external agents' usage nowhere (replay tests). */
  public PipelineWorkflowImpl() {
    this(ReportedUsage.NONE);
  }

  /** An interpreter that reports external agents' usage to {@code reportedUsage}. */
  public PipelineWorkflowImpl(ReportedUsage reportedUsage) {
    this.reportedUsage = reportedUsage;
  }

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
      } else if (FailureTypes.RUN_TIMED_OUT.equals(e.getType())) {
        metrics.runCompleted(MetricNames.TIMED_OUT);
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
    BudgetGuard budget =
        version >= 1 ? BudgetGuard.of(input, strictWorstCase(input)).orElse(null) : null;
    WorkflowInfo info = Workflow.getInfo();
    state =
        new RunState(
            pipeline,
            input.input(),
            runVariable(info, pipeline, input.retryOf()),
            expressionLimits());
    input.reusedSteps().values().stream()
        .filter(reused -> pipeline.step(reused.id()).isPresent())
        .forEach(reused -> state.update(reused.reusedFromEarlierRun()));
    // Built-in agents plus the declarations snapshotted when the run started (none for runs
    // recorded before agents could be declared, which therefore schedule exactly as before).
    AgentCatalog agents = AgentCatalog.withDeclared(input.agents().values());
    ChildPipelines children =
        new ChildPipelines(
            input,
            info.getWorkflowId(),
            () -> budget == null ? 0 : budget.leftUsd(state.usage().costUsd()));
    AgentLoop loop =
        new AgentLoop(
            state,
            agents,
            budget,
            new ToolCallRunner(
                state,
                agents,
                decisions.tools(),
                pipeline.name(),
                info.getWorkflowId(),
                reportedUsage,
                children),
            loopProgress,
            metrics,
            pipeline.name(),
            info.getWorkflowId(),
            reportedUsage,
            input.pipelines());
    StepExecutor executor =
        new StepExecutor(
            state,
            decisions.taken(),
            agents,
            pipeline.name(),
            info.getWorkflowId(),
            reportedUsage,
            children,
            loop);

    RunDeadline deadline = startDeadline(pipeline);
    StepScheduler scheduler =
        new StepScheduler(
            pipeline,
            state,
            executor,
            agents,
            budget,
            metrics,
            deadline == null ? null : deadline.reached(),
            Workflow.getVersion(HistorySizeGuard.CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1,
            input.effectiveMaxForEachItems());
    String failedStep = scheduler.run().orElse(null);
    if (deadline != null) {
      deadline.cancel();
    }

    if (CancellationScope.current().isCancelRequested()) {
      markUnreached("run cancelled");
      state.finish(RunStatus.CANCELLED, null);
      throw new CanceledFailure("run cancelled");
    }
    if (scheduler.timedOut()) {
      String reason = "run timed out after " + pipeline.timeout();
      markUnreached(reason);
      state.finish(RunStatus.TIMED_OUT, null);
      markTimedOutForListings();
      throw ApplicationFailure.newNonRetryableFailure(
          reason + "; the steps still running were cancelled",
          FailureTypes.RUN_TIMED_OUT,
          state.progress());
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

  /**
   * Whether the budget guard takes a numeric-text {@code max_tokens} at its word and refuses models
   * without a price. Asked only of runs with a budget; runs recorded before (no marker) replay with
   * the first estimate, under which such steps counted as free.
   */
  private static boolean strictWorstCase(PipelineRunInput input) {
    return input.effectiveBudgetUsd() != null
        && Workflow.getVersion(BUDGET_WORST_CASE_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /**
   * Expressions stop at their evaluation limits (iterations, nesting, sizes), so a hostile input
   * fails its step {@code ExpressionLimitExceeded} instead of stalling the workflow task. Runs
   * recorded before the limits existed (no marker in their history) replay without them, exactly as
   * they evaluated then.
   */
  private static ExpressionLimits expressionLimits() {
    return Workflow.getVersion(EXPRESSION_LIMITS_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1
        ? ExpressionLimits.ENFORCED
        : ExpressionLimits.NONE;
  }

  /**
   * The pipeline's timeout as a workflow timer, or null when it has none. Runs recorded before the
   * timer existed (no marker in their history) replay without it, under the server-side timeout.
   */
  private static RunDeadline startDeadline(PipelineDefinition pipeline) {
    if (pipeline.timeout() == null
        || Workflow.getVersion(PIPELINE_TIMEOUT_CHANGE, Workflow.DEFAULT_VERSION, 1) < 1) {
      return null;
    }
    return RunDeadline.start(Durations.parse(pipeline.timeout()));
  }

  /**
   * Writes {@link RunOutcomeMemo#TIMED_OUT} on the run, so run listings (which see the memo but not
   * the failure) show it {@code timed_out}. Runs recorded before (no marker) replay without it.
   */
  private static void markTimedOutForListings() {
    if (Workflow.getVersion(TIMED_OUT_MEMO_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1) {
      Workflow.upsertMemo(Map.of(RunOutcomeMemo.KEY, RunOutcomeMemo.TIMED_OUT));
    }
  }

  private void markUnreached(String reason) {
    for (StepProgress step : state.steps()) {
      if (step.status() == StepStatus.PENDING) {
        state.skipped(step.id(), null, 0, new StepError("NotReached", reason));
      }
    }
  }

  private JsonNode evaluateOutput(PipelineDefinition pipeline) {
    if (pipeline.output() == null) {
      return null;
    }
    try {
      return state.render(pipeline.output());
    } catch (ExpressionException e) {
      state.finish(RunStatus.FAILED, null);
      StepError error = StepErrors.ofExpression(e);
      throw ApplicationFailure.newNonRetryableFailure(
          "output: " + error.message(), error.type(), state.progress());
    } catch (RuntimeException e) {
      if (StepErrors.belongsToTemporal(e)) {
        throw e;
      }
      state.finish(RunStatus.FAILED, null);
      throw ApplicationFailure.newNonRetryableFailure(
          "output: " + StepErrors.describe(e),
          FailureTypes.STEP_EVALUATION_FAILED,
          state.progress());
    }
  }

  @Override
  public void decide(ApprovalDecision decision) {
    if (!decisions.takeSignalled(state, decision)) {
      log.warn(
          "ignoring decision signal for step {}: not an open approval, or decided before",
          decision == null ? null : decision.stepId());
    }
  }

  @Override
  public ApprovalDecision decideApproval(ApprovalDecision decision) {
    return decisions.take(state, decision);
  }

  @Override
  public void validateDecision(ApprovalDecision decision) {
    decisions.check(state, decision);
  }

  @Override
  public RunProgress progress() {
    if (state == null) {
      return null;
    }
    RunProgress progress = state.progress();
    Map<String, AgentLoopStatus> loops = new LinkedHashMap<>();
    progress
        .steps()
        .forEach(
            step -> {
              AgentLoopStatus loop = loopProgress.of(step.id());
              if (loop != null) {
                loops.put(step.id(), loop);
              }
            });
    return loops.isEmpty() ? progress : progress.withAgentLoops(loops);
  }

  @Override
  public Map<String, StepProgress> succeededSteps() {
    return state == null ? Map.of() : state.succeededSteps();
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
}
