package dev.agenthub.api.runs;

import dev.agenthub.run.PipelineRunInput;
import dev.agenthub.run.PipelineWorkflow;
import dev.agenthub.run.RetryPlan;
import dev.agenthub.run.RunIds;
import dev.agenthub.run.StepProgress;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.common.converter.DataConverter;
import java.util.Map;
import java.util.Optional;

/**
 * Starts new runs from old ones: a retry ({@code <id>.retry}, reusing the outputs of the steps that
 * succeeded after upstream steps that were reused too, and carrying what the old run spent into the
 * new run's budget; see {@link RetryPlan}) or a rerun (a fresh id, every step again). Both read the
 * old run's input, definition snapshot included, from its first history event, so they work
 * whatever the pipeline files say today.
 */
final class RunRestarts {

  private final WorkflowClient client;
  private final RunStarter starter;
  private final RunDescriber describer;
  private final RunListing listing;
  private final DataConverter converter;

  RunRestarts(
      WorkflowClient client, RunStarter starter, RunDescriber describer, RunListing listing) {
    this.client = client;
    this.starter = starter;
    this.describer = describer;
    this.listing = listing;
    this.converter = client.getOptions().getDataConverter();
  }

  RunStarted retry(String workflowId) {
    WorkflowExecutionDescription execution = describer.execution(workflowId);
    String status = RunStatuses.of(execution.getStatus());
    if (!RunStatuses.RETRYABLE.contains(status)) {
      throw new RunServiceException.RunNotRetryable(workflowId, status);
    }
    String retryId = workflowId + RunDescriber.RETRY_SUFFIX;
    String pipeline = RunDescriber.memo(execution, RunStarter.MEMO_PIPELINE);
    Optional<WorkflowExecutionDescription> earlier = describer.find(retryId);
    if (earlier.isPresent()) {
      return TemporalRunService.existing(checkRetryOf(workflowId, earlier.get()), pipeline);
    }
    PipelineRunInput original = originalInput(workflowId);
    Map<String, StepProgress> succeeded = succeededSteps(workflowId);
    PipelineRunInput input =
        new PipelineRunInput(
                original.pipeline(),
                original.input(),
                RetryPlan.reusableSteps(original.pipeline(), succeeded),
                original.budgetUsd(),
                workflowId,
                Map.of(),
                original.agents(),
                RetryPlan.spentUsd(original.priorSpendUsd(), succeeded.values()))
            .withPipelines(original.pipelines());
    try {
      return TemporalRunService.started(
          retryId,
          original.pipeline().name(),
          starter.start(retryId, input, Map.of(), listing.usesVisibility()));
    } catch (WorkflowExecutionAlreadyStarted e) {
      return TemporalRunService.existing(
          checkRetryOf(workflowId, describer.execution(retryId)), original.pipeline().name());
    } catch (RuntimeException e) {
      throw TemporalErrors.translate(e, retryId);
    }
  }

  /**
   * {@code retry} when it is the retry of {@code workflowId}: every retry carries its original's id
   * in the {@code retryOf} memo, which a caller-chosen id cannot set.
   *
   * @throws RunServiceException.RetryIdTaken otherwise
   */
  static WorkflowExecutionDescription checkRetryOf(
      String workflowId, WorkflowExecutionDescription retry) {
    checkRetryOf(
        workflowId,
        retry.getExecution().getWorkflowId(),
        RunDescriber.memo(retry, RunStarter.MEMO_RETRY_OF));
    return retry;
  }

  static void checkRetryOf(String workflowId, String retryId, String retryOf) {
    if (!workflowId.equals(retryOf)) {
      throw new RunServiceException.RetryIdTaken(workflowId, retryId);
    }
  }

  RunStarted rerun(String workflowId) {
    describer.execution(workflowId);
    PipelineRunInput original = originalInput(workflowId);
    PipelineRunInput input =
        new PipelineRunInput(
                original.pipeline(), original.input(), Map.of(), original.budgetUsd(), null)
            .withAgents(original.agents())
            .withPipelines(original.pipelines());
    String id = RunIds.newWorkflowId(original.pipeline().name());
    return TemporalRunService.call(
        id,
        () ->
            TemporalRunService.started(
                id,
                original.pipeline().name(),
                starter.start(
                    id,
                    input,
                    Map.of(RunStarter.MEMO_RERUN_OF, workflowId),
                    listing.usesVisibility())));
  }

  /** The input the run was started with, from its first history event. */
  private PipelineRunInput originalInput(String workflowId) {
    var started =
        TemporalRunService.call(
                workflowId, () -> client.fetchHistory(workflowId).getEvents().get(0))
            .getWorkflowExecutionStartedEventAttributes();
    return converter.fromPayloads(
        0, Optional.of(started.getInput()), PipelineRunInput.class, PipelineRunInput.class);
  }

  /** The succeeded steps with full outputs; closed runs answer through replay on a worker. */
  private Map<String, StepProgress> succeededSteps(String workflowId) {
    try {
      return client.newWorkflowStub(PipelineWorkflow.class, workflowId).succeededSteps();
    } catch (WorkflowException e) {
      if (TemporalErrors.grpcCode(e).isEmpty()) {
        throw new RunServiceException.TemporalUnavailable(
            "no worker answered for run " + workflowId + "; start a worker and try again");
      }
      throw TemporalErrors.translate(e, workflowId);
    }
  }
}
