package dev.agenthub.api.runs;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import java.util.List;

/**
 * A run's parent and children: the runs that {@code pipeline:} steps start are Temporal child
 * workflows, so the parent is in the child's description and the children are in the parent's
 * history (the start of each child, in order). The history is read only for runs with a {@code
 * pipeline:} step.
 */
final class RunFamily {

  /** The kind of a {@code pipeline:} step's view starts with this. */
  private static final String PIPELINE_KIND = "pipeline:";

  private RunFamily() {}

  /** The id of the run that started {@code execution} as a child, or null. */
  static String parentOf(WorkflowExecutionDescription execution) {
    WorkflowExecutionInfo info = execution.getRawDescription().getWorkflowExecutionInfo();
    return info.hasParentExecution() ? info.getParentExecution().getWorkflowId() : null;
  }

  /** Whether any of {@code steps} runs a pipeline (so the run may have children). */
  static boolean startsChildren(List<StepView> steps) {
    return steps != null
        && steps.stream().anyMatch(s -> s.kind() != null && s.kind().startsWith(PIPELINE_KIND));
  }

  /** The ids of the child runs {@code execution} started, in the order it started them. */
  static List<String> childrenOf(WorkflowClient client, WorkflowExecution execution) {
    try {
      return client
          .fetchHistory(execution.getWorkflowId(), execution.getRunId())
          .getEvents()
          .stream()
          .filter(HistoryEvent::hasStartChildWorkflowExecutionInitiatedEventAttributes)
          .map(e -> e.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId())
          .toList();
    } catch (RuntimeException e) {
      throw TemporalErrors.translate(e, execution.getWorkflowId());
    }
  }
}
