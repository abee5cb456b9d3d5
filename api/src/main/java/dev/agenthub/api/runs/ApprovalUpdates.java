package dev.agenthub.api.runs;

import dev.agenthub.run.ApprovalDecision;
import dev.agenthub.run.DecisionRefusals;
import dev.agenthub.run.FailureTypes;
import dev.agenthub.run.PipelineWorkflow;
import io.grpc.Status;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;

/**
 * Sends an approval decision as the run's {@code decideApproval} update and waits until the run has
 * taken it or refused it, so the caller learns the outcome at once. The run's refusals become
 * {@link RunServiceException.StepNotWaiting} (the step was not waiting when the decision arrived)
 * and {@link RunServiceException.DecisionConflict} (another decision won).
 */
final class ApprovalUpdates {

  private ApprovalUpdates() {}

  /**
   * Sends {@code decision} to the run behind {@code stub}.
   *
   * @throws RunServiceException when the run refused the decision or has closed
   */
  static void send(WorkflowStub stub, String workflowId, ApprovalDecision decision) {
    try {
      stub.startUpdate(
              UpdateOptions.newBuilder(ApprovalDecision.class)
                  .setUpdateName(PipelineWorkflow.DECIDE_APPROVAL)
                  .setWaitForStage(WorkflowUpdateStage.COMPLETED)
                  .build(),
              decision)
          .getResult();
    } catch (WorkflowUpdateException e) {
      if (e.getCause() instanceof ApplicationFailure refusal) {
        String reason = DecisionRefusals.reasonOf(refusal);
        String type = DecisionRefusals.typeOf(refusal).orElse(null);
        if (FailureTypes.DECISION_CONFLICT.equals(type)) {
          throw new RunServiceException.DecisionConflict(workflowId, decision.stepId(), reason);
        }
        if (FailureTypes.STEP_NOT_WAITING.equals(type)) {
          throw RunServiceException.StepNotWaiting.refusedByRun(
              workflowId, decision.stepId(), reason);
        }
      }
      throw e;
    } catch (WorkflowNotFoundException e) {
      throw RunServiceException.StepNotWaiting.runClosed(workflowId, decision.stepId());
    } catch (RuntimeException e) {
      if (TemporalErrors.grpcCode(e).orElse(null) == Status.Code.NOT_FOUND) {
        throw RunServiceException.StepNotWaiting.runClosed(workflowId, decision.stepId());
      }
      throw TemporalErrors.translate(e, workflowId);
    }
  }
}
