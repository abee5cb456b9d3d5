package dev.agenthub.api.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import org.junit.jupiter.api.Test;

class VisibilityQueryTest {

  @Test
  void of_listsTheWorkflowType_whenNothingIsFiltered() {
    assertThat(VisibilityQuery.of("PipelineWorkflow", null, null))
        .isEqualTo("WorkflowType = 'PipelineWorkflow'");
  }

  @Test
  void of_addsStatusAndPipelineFilters() {
    assertThat(
            VisibilityQuery.of(
                "PipelineWorkflow",
                "research-brief",
                WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TIMED_OUT))
        .isEqualTo(
            "WorkflowType = 'PipelineWorkflow' AND ExecutionStatus = 'TimedOut'"
                + " AND AgentHubPipeline = 'research-brief'");
  }

  @Test
  void of_namesEveryStatusAsVisibilityDoes() {
    assertThat(RunStatuses.visibilityName(RunStatuses.parseFilter("running"))).isEqualTo("Running");
    assertThat(RunStatuses.visibilityName(RunStatuses.parseFilter("succeeded")))
        .isEqualTo("Completed");
    assertThat(RunStatuses.visibilityName(RunStatuses.parseFilter("failed"))).isEqualTo("Failed");
    assertThat(RunStatuses.visibilityName(RunStatuses.parseFilter("cancelled")))
        .isEqualTo("Canceled");
    assertThat(RunStatuses.visibilityName(RunStatuses.parseFilter("terminated")))
        .isEqualTo("Terminated");
  }

  @Test
  void of_escapesQuotesAndBackslashesInValues() {
    assertThat(VisibilityQuery.of("PipelineWorkflow", "x' OR WorkflowId = 'y", null))
        .isEqualTo(
            "WorkflowType = 'PipelineWorkflow' AND AgentHubPipeline = 'x\\' OR WorkflowId = \\'y'");
    assertThat(VisibilityQuery.literal("a\\b\"c")).isEqualTo("'a\\\\b\\\"c'");
  }
}
