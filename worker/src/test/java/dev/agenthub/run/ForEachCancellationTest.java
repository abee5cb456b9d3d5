package dev.agenthub.run;

import static dev.agenthub.run.InterpreterFixture.step;
import static dev.agenthub.run.TestPipelines.agent;
import static dev.agenthub.run.TestPipelines.forEach;
import static dev.agenthub.run.TestPipelines.json;
import static dev.agenthub.run.TestPipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.testing.Poll;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A run cancelled while its {@code forEach} step's elements run: the elements' activities are
 * cancelled, the step is recorded cancelled (not succeeded with the elements that had finished), no
 * element starts after the cancellation and no step after it runs.
 */
class ForEachCancellationTest {

  private static final String FOUR = "{\"docs\": [0, 1, 2, 3]}";
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private final InterpreterFixture fixture = new InterpreterFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  /** Step {@code each} runs the hang agent over {@code input.docs}; {@code after} follows it. */
  private static PipelineDefinition eachThenAfter(String with, int concurrency) {
    return pipeline(
        forEach(agent("each", "hang", with), "input.docs", concurrency, null),
        agent("after", "echo", "{}", "each"));
  }

  /** Starts {@code pipeline} as run {@code id} over four elements. */
  private PipelineWorkflow start(String id, PipelineDefinition pipeline) {
    PipelineWorkflow workflow = fixture.stub(id);
    WorkflowClient.start(workflow::run, PipelineRunInput.of(pipeline, json(FOUR)));
    return workflow;
  }

  /** Waits until run {@code id}'s history holds {@code count} events of {@code type}. */
  private void awaitEvents(String id, EventType type, int count) {
    Poll.untilTrue(count + " " + type + " in " + id, DEADLINE, () -> events(id, type) == count);
  }

  private long events(String id, EventType type) {
    return fixture.history(id).getEvents().stream().filter(e -> e.getEventType() == type).count();
  }

  /** Cancels {@code workflow} and waits for it to close cancelled; returns its last progress. */
  private RunProgress cancel(PipelineWorkflow workflow) {
    WorkflowStub stub = WorkflowStub.fromTyped(workflow);
    stub.cancel();
    WorkflowFailedException failed =
        catchThrowableOfType(
            WorkflowFailedException.class,
            () -> stub.getResult(DEADLINE.toSeconds(), TimeUnit.SECONDS, PipelineRunResult.class));
    assertThat(failed).as("the run should close cancelled").isNotNull();
    assertThat(failed.getCause()).isInstanceOf(CanceledFailure.class);
    return workflow.progress();
  }

  private static void assertCancelledBeforeAfter(RunProgress progress) {
    assertThat(progress.status()).isEqualTo(RunStatus.CANCELLED);
    StepProgress each = step(progress, "each");
    assertThat(each.status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(each.error())
        .isEqualTo(new StepError(FailureTypes.CANCELLED, "cancelled before completion"));
    assertThat(each.output() == null || each.output().isNull())
        .as("no output list of the elements that finished: %s", each.output())
        .isTrue();
    assertThat(step(progress, "after").status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(step(progress, "after").error())
        .isEqualTo(new StepError("NotReached", "run cancelled"));
  }

  @Test
  void cancellingTheRun_withEveryElementStarted_cancelsTheRunningElements_andTheStep() {
    // Element 0 finishes at once; elements 1 to 3 hang until cancelled. All four start together.
    String id = "for-each-cancel-all-started";
    PipelineWorkflow workflow = start(id, eachThenAfter("{\"hang\": \"${{ index > 0 }}\"}", 4));
    awaitEvents(id, EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, 1);
    Poll.untilTrue(
        "the three hanging elements to run", DEADLINE, () -> fixture.agents.calls("each") == 4);

    RunProgress progress = cancel(workflow);

    assertCancelledBeforeAfter(progress);
    assertThat(events(id, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)).isEqualTo(4);
    assertThat(events(id, EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED)).isEqualTo(3);
    assertThat(events(id, EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED)).isEqualTo(1);
    // The run closes without waiting for its activities (Temporal's TRY_CANCEL); each hanging
    // activity learns at its next heartbeat that it is gone, and stops.
    Poll.untilTrue(
        "the hanging elements' activities to stop",
        DEADLINE,
        () -> fixture.agents.stopped("each") == 3);
    assertThat(fixture.agents.calls("after")).isZero();
  }

  @Test
  void cancellingTheRun_withElementsStillToStart_startsNoMore_andCancelsTheStep() {
    // Two at a time over four: elements 0 and 1 hang, 2 and 3 wait for a free slot.
    String id = "for-each-cancel-waiting";
    PipelineWorkflow workflow = start(id, eachThenAfter("{}", 2));
    Poll.untilTrue(
        "the first two elements to run", DEADLINE, () -> fixture.agents.calls("each") == 2);

    RunProgress progress = cancel(workflow);

    assertCancelledBeforeAfter(progress);
    assertThat(events(id, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)).isEqualTo(2);
    assertThat(events(id, EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED)).isEqualTo(2);
    assertThat(fixture.agents.calls("each")).isEqualTo(2);
    assertThat(fixture.agents.calls("after")).isZero();
  }
}
