package dev.agenthub.run;

import static dev.agenthub.run.TestPipelines.agent;
import static dev.agenthub.run.TestPipelines.json;
import static dev.agenthub.run.TestPipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.dsl.PipelineDefinition;
import io.temporal.failure.ApplicationFailure;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A step whose rendered input would not fit one Temporal payload fails {@code InputTooLarge} before
 * its activity is scheduled, naming itself, instead of the server failing the whole run. (The
 * embedded test server enforces no payload limit, so the run below the bound succeeds here.)
 */
class ActivityInputBoundWorkflowTest {

  /** A 1,000-character word: each copy the expression below makes adds about 1 KB. */
  private static final String WORD = "x".repeat(1_000);

  private final InterpreterFixture fixture = new InterpreterFixture();

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  /**
   * {@code publish} sends {@code rows x 40} copies of the word: 1,600 (1.6 MB) are over the 1.5 MiB
   * bound, 1,200 (1.2 MB) under it.
   */
  static PipelineDefinition copies() {
    return pipeline(
        agent("outline", "echo", "{}"),
        agent(
            "publish",
            "echo",
            "{\"copies\": \"${{ input.rows.map(r, input.columns.map(c, input.word)) }}\"}",
            "outline"));
  }

  static String input(int rows) {
    return "{\"rows\": "
        + range(rows)
        + ", \"columns\": "
        + range(40)
        + ", \"word\": \""
        + WORD
        + "\"}";
  }

  private static String range(int n) {
    return IntStream.range(0, n)
        .mapToObj(Integer::toString)
        .collect(Collectors.joining(",", "[", "]"));
  }

  @Test
  void stepInputOverTheBound_failsTheStepInputTooLarge_withoutSchedulingIt() {
    ApplicationFailure failure =
        fixture.failureOf("over", PipelineRunInput.of(copies(), json(input(40))));

    assertThat(failure.getType()).isEqualTo(FailureTypes.STEP_FAILED);
    assertThat(failure.getOriginalMessage())
        .startsWith("step \"publish\" failed: InputTooLarge: not started: the step's input")
        .contains("over the 1536 KiB");
    RunProgress progress = failure.getDetails().get(RunProgress.class);
    assertThat(progress.steps().get(1).error().type()).isEqualTo(FailureTypes.INPUT_TOO_LARGE);
    assertThat(fixture.agents.calls("outline")).isEqualTo(1);
    assertThat(fixture.agents.calls("publish")).isZero();
  }

  @Test
  void stepInputUnderTheBound_runs() {
    PipelineRunResult result = fixture.run("under", PipelineRunInput.of(copies(), json(input(30))));

    assertThat(fixture.agents.calls("publish")).isEqualTo(1);
    assertThat(result.steps().get(1).status()).isEqualTo(StepStatus.SUCCEEDED);
  }
}
