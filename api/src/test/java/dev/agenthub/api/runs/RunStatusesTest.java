package dev.agenthub.api.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.run.FailureTypes;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import org.junit.jupiter.api.Test;

class RunStatusesTest {

  @Test
  void of_readsTimedOut_whenTheWorkflowTimerFailedTheRun() {
    assertThat(
            RunStatuses.of(
                WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED,
                FailureTypes.RUN_TIMED_OUT))
        .isEqualTo(RunStatuses.TIMED_OUT);
  }

  @Test
  void of_readsTimedOut_whenTheServerBackstopTimedTheRunOut() {
    assertThat(RunStatuses.of(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TIMED_OUT, null))
        .isEqualTo(RunStatuses.TIMED_OUT);
  }

  @Test
  void of_keepsFailed_forAnyOtherFailureType() {
    assertThat(
            RunStatuses.of(
                WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED, FailureTypes.STEP_FAILED))
        .isEqualTo(RunStatuses.FAILED);
    assertThat(RunStatuses.of(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED, null))
        .isEqualTo(RunStatuses.FAILED);
  }
}
