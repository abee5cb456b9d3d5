package dev.agenthub.telemetry;

import dev.agenthub.run.PipelineRunInput;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import org.slf4j.MDC;

/**
 * Puts {@code workflow_id}, {@code run_id} and {@code pipeline} in the MDC of workflow threads, the
 * names our JSON logs use (Temporal's own keys are {@code WorkflowId}, {@code RunId}). Activity
 * threads get theirs, with {@code step}, from the agents' activity.
 */
final class LogContextInterceptor extends WorkerInterceptorBase {

  static final String WORKFLOW_ID = "workflow_id";
  static final String RUN_ID = "run_id";
  static final String PIPELINE = "pipeline";

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public WorkflowOutput execute(WorkflowInput input) {
        WorkflowInfo info = Workflow.getInfo();
        MDC.put(WORKFLOW_ID, info.getWorkflowId());
        MDC.put(RUN_ID, info.getRunId());
        Object[] arguments = input.getArguments();
        if (arguments.length > 0
            && arguments[0] instanceof PipelineRunInput run
            && run.pipeline() != null) {
          MDC.put(PIPELINE, run.pipeline().name());
        }
        try {
          return super.execute(input);
        } finally {
          MDC.remove(WORKFLOW_ID);
          MDC.remove(RUN_ID);
          MDC.remove(PIPELINE);
        }
      }
    };
  }
}
