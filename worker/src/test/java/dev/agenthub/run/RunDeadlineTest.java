package dev.agenthub.run;

import static dev.agenthub.run.TestPipelines.agent;
import static dev.agenthub.run.TestPipelines.json;
import static dev.agenthub.run.TestPipelines.pipeline;
import static dev.agenthub.run.TestPipelines.withTimeout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.dsl.PipelineDefinition;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pipeline timeout's timer, as the run's history records it. */
class RunDeadlineTest {

  private final InterpreterFixture fixture = new InterpreterFixture();

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void deadline_isCancelled_whenTheRunSettlesFirst() {
    PipelineDefinition pipeline = withTimeout(pipeline(agent("only", "echo", "{}")), "1h");

    fixture.run("settles", PipelineRunInput.of(pipeline, json("{}")));

    assertThat(fixture.history("settles").getEvents())
        .extracting(HistoryEvent::getEventType)
        .containsSubsequence(
            EventType.EVENT_TYPE_TIMER_STARTED, EventType.EVENT_TYPE_TIMER_CANCELED)
        .doesNotContain(EventType.EVENT_TYPE_TIMER_FIRED);
  }

  @Test
  void noTimer_isStarted_forAPipelineWithoutTimeout() {
    fixture.run("untimed", PipelineRunInput.of(pipeline(agent("only", "echo", "{}")), json("{}")));

    assertThat(fixture.history("untimed").getEvents())
        .extracting(HistoryEvent::getEventType)
        .doesNotContain(EventType.EVENT_TYPE_TIMER_STARTED);
  }
}
