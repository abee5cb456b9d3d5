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
                "PipelineWorkflow", "research-brief", RunStatuses.parseFilter("cancelled")))
        .isEqualTo(
            "WorkflowType = 'PipelineWorkflow' AND ExecutionStatus = 'Canceled'"
                + " AND AgentHubPipeline = 'research-brief'");
  }

  @Test
  void of_asksForTimedOutAndFailedRuns_whenFilteringTimedOut() {
    assertThat(VisibilityQuery.of("PipelineWorkflow", null, RunStatuses.parseFilter("timed_out")))
        .isEqualTo(
            "WorkflowType = 'PipelineWorkflow'"
                + " AND (ExecutionStatus = 'TimedOut' OR ExecutionStatus = 'Failed')");
  }

  @Test
  void of_namesEveryStatusAsVisibilityDoes() {
    assertThat(RunStatuses.visibilityName(single("running"))).isEqualTo("Running");
    assertThat(RunStatuses.visibilityName(single("succeeded"))).isEqualTo("Completed");
    assertThat(RunStatuses.visibilityName(single("failed"))).isEqualTo("Failed");
    assertThat(RunStatuses.visibilityName(single("cancelled"))).isEqualTo("Canceled");
    assertThat(RunStatuses.visibilityName(single("terminated"))).isEqualTo("Terminated");
  }

  private static WorkflowExecutionStatus single(String status) {
    return RunStatuses.parseFilter(status).temporal().get(0);
  }

  @Test
  void of_escapesQuotesAndBackslashesInValues() {
    assertThat(VisibilityQuery.of("PipelineWorkflow", "x' OR WorkflowId = 'y", null))
        .isEqualTo(
            "WorkflowType = 'PipelineWorkflow' AND AgentHubPipeline = 'x\\' OR WorkflowId = \\'y'");
    assertThat(VisibilityQuery.literal("a\\b\"c")).isEqualTo("'a\\\\b\\\"c'");
  }
}
