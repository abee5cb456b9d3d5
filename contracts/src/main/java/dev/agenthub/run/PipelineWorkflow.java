package dev.agenthub.run;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.Map;

/**
 * Runs one pipeline: interprets the definition snapshot carried in its input, step by step, with
 * every agent call as an activity. Fails with {@link FailureTypes#STEP_FAILED} naming the step.
 */
@WorkflowInterface
public interface PipelineWorkflow {

  /** Task queue the workers poll for pipeline workflows and agent activities. */
  String DEFAULT_TASK_QUEUE = "agenthub-pipelines";

  @WorkflowMethod(name = "PipelineWorkflow")
  PipelineRunResult run(PipelineRunInput input);

  /** Approves or rejects a waiting {@code approval} step. Ignored for unknown or settled steps. */
  @SignalMethod(name = "decide")
  void decide(ApprovalDecision decision);

  /** Every step's status, attempts, times, output, failure and usage; the run's totals. */
  @QueryMethod(name = "progress")
  RunProgress progress();

  /**
   * The succeeded steps with their complete outputs (never truncated), keyed by step id: what a
   * retry of this run reuses.
   */
  @QueryMethod(name = "succeededSteps")
  Map<String, StepProgress> succeededSteps();
}
