package dev.agenthub.api.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Timestamp;
import dev.agenthub.api.ApiApplication;
import dev.agenthub.run.StepError;
import dev.agenthub.run.StepProgress;
import io.dropwizard.jackson.Jackson;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.api.failure.v1.ApplicationFailureInfo;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.failure.v1.TimeoutFailureInfo;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunningStepsTest {

  private static final Instant STARTED = Instant.parse("2026-11-30T10:00:00Z");
  private static final Instant NEXT = Instant.parse("2026-11-30T10:00:04.500Z");
  private static final ObjectMapper JSON = ApiApplication.configureJson(Jackson.newObjectMapper());

  @Test
  void merge_showsARetryingStepsAttemptLastFailureAndNextAttempt() {
    PendingActivityInfo waiting =
        activity("http", PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED, 3)
            .setMaximumAttempts(8)
            .setLastFailure(
                Failure.newBuilder()
                    .setMessage("GET /dev/flaky answered 503")
                    .setApplicationFailureInfo(
                        ApplicationFailureInfo.newBuilder().setType("HttpStatus")))
            .setNextAttemptScheduleTime(timestamp(NEXT))
            .setLastStartedTime(timestamp(STARTED))
            .build();

    List<StepView> steps =
        RunningSteps.merge(
            List.of(
                StepProgress.pending("fetch", "http").running(STARTED),
                StepProgress.pending("summarize", "llm")),
            List.of(waiting));

    StepView fetch = steps.get(0);
    assertThat(fetch.attempts()).as("attempts begun: the third waits").isEqualTo(2);
    assertThat(fetch.activity())
        .isEqualTo(
            new ActivityAttempt(
                "scheduled",
                3,
                8,
                new StepError("HttpStatus", "GET /dev/flaky answered 503"),
                NEXT,
                STARTED));
    assertThat(steps.get(1).activity()).isNull();
    assertThat(steps.get(1).attempts()).isZero();
  }

  @Test
  void merge_countsTheAttemptUnderWay_whenAWorkerRunsIt() {
    List<StepView> steps =
        RunningSteps.merge(
            List.of(StepProgress.pending("fetch", "http").running(STARTED)),
            List.of(
                activity("http", PendingActivityState.PENDING_ACTIVITY_STATE_STARTED, 2).build()));

    assertThat(steps.get(0).attempts()).isEqualTo(2);
    assertThat(steps.get(0).activity().state()).isEqualTo("started");
    assertThat(steps.get(0).activity().lastFailure()).isNull();
    assertThat(steps.get(0).activity().nextAttemptAt()).isNull();
  }

  @Test
  void merge_showsAFirstAttemptNotYetPickedUp_asScheduledWithNoAttemptsBegun() {
    List<StepView> steps =
        RunningSteps.merge(
            List.of(StepProgress.pending("fetch", "http").running(STARTED)),
            List.of(
                activity("http", PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED, 1)
                    .build()));

    assertThat(steps.get(0).activity().state()).isEqualTo("scheduled");
    assertThat(steps.get(0).activity().attempt()).isEqualTo(1);
    assertThat(steps.get(0).attempts()).isZero();
  }

  @Test
  void merge_namesATimedOutAttempt_asStepErrorsDo() {
    PendingActivityInfo timedOut =
        activity("http", PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED, 2)
            .setLastFailure(
                Failure.newBuilder()
                    .setTimeoutFailureInfo(
                        TimeoutFailureInfo.newBuilder()
                            .setTimeoutType(TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE)))
            .build();

    StepView fetch =
        RunningSteps.merge(
                List.of(StepProgress.pending("fetch", "http").running(STARTED)), List.of(timedOut))
            .get(0);

    assertThat(fetch.activity().lastFailure())
        .isEqualTo(new StepError("Timeout", "attempt timed out (TIMEOUT_TYPE_START_TO_CLOSE)"));
  }

  @Test
  void merge_leavesStepsOfOneAgentRunningSideBySide_withoutAnActivity() {
    List<StepView> steps =
        RunningSteps.merge(
            List.of(
                StepProgress.pending("a", "http").running(STARTED),
                StepProgress.pending("b", "http").running(STARTED)),
            List.of(
                activity("http", PendingActivityState.PENDING_ACTIVITY_STATE_STARTED, 4).build(),
                activity("http", PendingActivityState.PENDING_ACTIVITY_STATE_STARTED, 1).build()));

    assertThat(steps).extracting(StepView::activity).containsOnlyNulls();
  }

  @Test
  void merge_leavesSettledSteps_asTheWorkflowReportsThem() {
    StepProgress done =
        StepProgress.pending("fetch", "http").running(STARTED).succeeded(NEXT, 3, null, null);

    StepView view =
        RunningSteps.merge(
                List.of(done),
                List.of(
                    activity("http", PendingActivityState.PENDING_ACTIVITY_STATE_STARTED, 1)
                        .build()))
            .get(0);

    assertThat(view.attempts()).isEqualTo(3);
    assertThat(view.activity()).isNull();
  }

  @Test
  void stepView_writesTheActivity_onlyWhenThereIsOne() throws Exception {
    StepProgress running = StepProgress.pending("fetch", "http").running(STARTED);
    JsonNode without = JSON.valueToTree(StepView.of(running));
    JsonNode with =
        JSON.valueToTree(
            RunningSteps.merge(
                    List.of(running),
                    List.of(
                        activity("http", PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED, 2)
                            .setNextAttemptScheduleTime(timestamp(NEXT))
                            .build()))
                .get(0));

    assertThat(without.has("activity")).isFalse();
    assertThat(with.at("/activity/state").asText()).isEqualTo("scheduled");
    assertThat(with.at("/activity/attempt").asInt()).isEqualTo(2);
    assertThat(with.at("/activity/nextAttemptAt").asText()).isEqualTo("2026-11-30T10:00:04.500Z");
    assertThat(with.at("/attempts").asInt()).isEqualTo(1);
  }

  private static PendingActivityInfo.Builder activity(
      String type, PendingActivityState state, int attempt) {
    return PendingActivityInfo.newBuilder()
        .setActivityId("a-" + type + "-" + attempt)
        .setActivityType(ActivityType.newBuilder().setName(type))
        .setState(state)
        .setAttempt(attempt);
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }
}
