package dev.agenthub.api.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.shared.pipeline.Durations;
import dev.agenthub.shared.pipeline.PipelineDefinition;
import dev.agenthub.shared.workflow.PipelineRunInput;
import dev.agenthub.shared.workflow.PipelineWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.util.Map;

/**
 * Starts pipeline runs: one place that decides workflow options (id, task queue, run timeout,
 * memo), used by the API and the CLI alike.
 */
public final class RunStarter {

  /** Memo keys written on every run. */
  public static final String MEMO_PIPELINE = "pipeline";

  public static final String MEMO_VERSION = "pipelineVersion";
  public static final String MEMO_RETRY_OF = "retryOf";

  private final WorkflowClient client;
  private final String taskQueue;

  public RunStarter(WorkflowClient client, String taskQueue) {
    this.client = client;
    this.taskQueue = taskQueue;
  }

  /** Starts {@code input} under {@code workflowId} and returns the new execution. */
  public WorkflowExecution start(String workflowId, PipelineRunInput input) {
    PipelineWorkflow workflow =
        client.newWorkflowStub(PipelineWorkflow.class, options(workflowId, input));
    return WorkflowClient.start(workflow::run, input);
  }

  /** A stub bound to an existing run. */
  public PipelineWorkflow existing(String workflowId) {
    return client.newWorkflowStub(PipelineWorkflow.class, workflowId);
  }

  private WorkflowOptions options(String workflowId, PipelineRunInput input) {
    PipelineDefinition pipeline = input.pipeline();
    Map<String, Object> memo =
        input.retryOf() == null
            ? Map.of(MEMO_PIPELINE, pipeline.name(), MEMO_VERSION, pipeline.version())
            : Map.of(
                MEMO_PIPELINE,
                pipeline.name(),
                MEMO_VERSION,
                pipeline.version(),
                MEMO_RETRY_OF,
                input.retryOf());
    WorkflowOptions.Builder options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(taskQueue)
            .setMemo(memo)
            .setStaticSummary("pipeline " + pipeline.name() + " v" + pipeline.version());
    if (pipeline.timeout() != null) {
      options.setWorkflowExecutionTimeout(Durations.parse(pipeline.timeout()));
    }
    return options.build();
  }

  /** Convenience for callers holding JSON input. */
  public static PipelineRunInput freshRun(PipelineDefinition pipeline, JsonNode input) {
    return PipelineRunInput.of(pipeline, input);
  }
}
