package dev.agenthub.run;

import static dev.agenthub.run.TestPipelines.agent;
import static dev.agenthub.run.TestPipelines.json;
import static dev.agenthub.run.TestPipelines.pipeline;
import static dev.agenthub.run.TestPipelines.sleep;
import static dev.agenthub.run.TestPipelines.withTimeout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.dsl.PipelineDefinition;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A run closed by its pipeline timeout says so in its memo, which listings read. */
class TimedOutMemoTest {

  private final InterpreterFixture fixture = new InterpreterFixture();

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void pipelineTimeout_writesTheTimedOutOutcomeMemo() {
    PipelineDefinition pipeline =
        withTimeout(pipeline(agent("first", "echo", "{}"), sleep("pause", "1h", "first")), "1s");

    ApplicationFailure failure =
        fixture.failureOf("timed-out", PipelineRunInput.of(pipeline, json("{}")));

    assertThat(failure.getType()).isEqualTo(FailureTypes.RUN_TIMED_OUT);
    assertThat(outcome("timed-out")).isEqualTo(RunOutcomeMemo.TIMED_OUT);
  }

  @Test
  void otherFailures_andSuccess_writeNoOutcomeMemo() {
    PipelineDefinition failing = withTimeout(pipeline(agent("broken", "broken", "{}")), "1h");
    PipelineDefinition quick = withTimeout(pipeline(agent("only", "echo", "{}")), "1h");

    fixture.failureOf("failed", PipelineRunInput.of(failing, json("{}")));
    fixture.run("succeeded", PipelineRunInput.of(quick, json("{}")));

    assertThat(outcome("failed")).isNull();
    assertThat(outcome("succeeded")).isNull();
  }

  private String outcome(String workflowId) {
    return fixture
        .existing(workflowId)
        .describe()
        .getMemo(RunOutcomeMemo.KEY, String.class, String.class);
  }
}
