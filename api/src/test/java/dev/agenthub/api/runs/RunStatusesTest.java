package dev.agenthub.api.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agenthub.run.FailureTypes;
import dev.agenthub.run.RunOutcomeMemo;
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

  @Test
  void listed_readsTimedOut_onlyForAFailedRunWithTheTimedOutMemo() {
    assertThat(
            RunStatuses.listed(
                WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED, RunOutcomeMemo.TIMED_OUT))
        .isEqualTo(RunStatuses.TIMED_OUT);
    assertThat(RunStatuses.listed(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED, null))
        .isEqualTo(RunStatuses.FAILED);
    assertThat(
            RunStatuses.listed(
                WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED, "something-else"))
        .isEqualTo(RunStatuses.FAILED);
    assertThat(
            RunStatuses.listed(
                WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED,
                RunOutcomeMemo.TIMED_OUT))
        .isEqualTo(RunStatuses.SUCCEEDED);
    assertThat(
            RunStatuses.listed(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TIMED_OUT, null))
        .isEqualTo(RunStatuses.TIMED_OUT);
  }

  @Test
  void parseFilter_timedOut_asksForTimedOutAndFailed_andAdmitsOnlyTimedOut() {
    RunStatusFilter filter = RunStatuses.parseFilter("timed_out");

    assertThat(filter.temporal())
        .containsExactly(
            WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TIMED_OUT,
            WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED);
    assertThat(filter.admits(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED)).isTrue();
    assertThat(filter.admits(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED))
        .isFalse();
    assertThat(filter.admits(RunStatuses.TIMED_OUT)).isTrue();
    assertThat(filter.admits(RunStatuses.FAILED)).isFalse();
  }

  @Test
  void parseFilter_failed_asksForFailed_andRefusesTimedOutRuns() {
    RunStatusFilter filter = RunStatuses.parseFilter("failed");

    assertThat(filter.temporal())
        .containsExactly(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED);
    assertThat(filter.admits(RunStatuses.FAILED)).isTrue();
    assertThat(filter.admits(RunStatuses.TIMED_OUT)).isFalse();
  }

  @Test
  void parseFilter_noneOrBlank_isNoFilter_andUnknownIsRefused() {
    assertThat(RunStatuses.parseFilter(null)).isNull();
    assertThat(RunStatuses.parseFilter(" ")).isNull();
    assertThatThrownBy(() -> RunStatuses.parseFilter("done"))
        .isInstanceOf(RunServiceException.InvalidStatusFilter.class);
  }
}
