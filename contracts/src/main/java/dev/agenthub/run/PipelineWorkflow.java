package dev.agenthub.run;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
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

  /**
   * Approves or rejects a waiting {@code approval} step, fire and forget; ignored for unknown or
   * settled steps. Kept so that runs decided by it before {@link #decideApproval} existed replay;
   * new clients use the update.
   */
  @SignalMethod(name = "decide")
  void decide(ApprovalDecision decision);

  /** The name of the {@link #decideApproval} update. */
  String DECIDE_APPROVAL = "decideApproval";

  /**
   * Approves or rejects a waiting {@code approval} step and answers with the accepted decision.
   * Exactly one decision per step is accepted; the others fail with an {@code ApplicationFailure}
   * of type {@link FailureTypes#DECISION_CONFLICT}, and a decision for a step that is not waiting
   * for one is refused by {@link #validateDecision} with {@link FailureTypes#STEP_NOT_WAITING}.
   * Neither refusal changes the run or its history.
   */
  @UpdateMethod(name = DECIDE_APPROVAL)
  ApprovalDecision decideApproval(ApprovalDecision decision);

  /**
   * Refuses a {@link #decideApproval} before it is written to the history: for a step that is not
   * an approval waiting for a decision, or one already decided.
   */
  @UpdateValidatorMethod(updateName = DECIDE_APPROVAL)
  void validateDecision(ApprovalDecision decision);

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
