package dev.agenthub.run;

import static dev.agenthub.run.InterpreterFixture.step;
import static dev.agenthub.run.TestPipelines.agent;
import static dev.agenthub.run.TestPipelines.json;
import static dev.agenthub.run.TestPipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.dsl.PipelineDefinition;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The run's {@code output} template and the size limit of the progress view, in whole runs. */
class RunOutputTest {

  private final InterpreterFixture fixture = new InterpreterFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void outputTemplateWithoutAJsonValue_failsTheRunAfterEveryStepSucceeded() {
    PipelineDefinition pipeline =
        pipeline("{\"ratio\": \"${{ 1.0 / input.zero }}\"}", agent("draft", "echo", "{}"));

    ApplicationFailure failure =
        fixture.failureOf("output-fails", PipelineRunInput.of(pipeline, json("{\"zero\": 0.0}")));

    assertThat(failure.getType()).isEqualTo(FailureTypes.EXPRESSION_ERROR);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "output: expression `1.0 / input.zero` has no JSON value: Infinity is not a JSON"
                + " number");
    RunProgress progress = failure.getDetails().get(RunProgress.class);
    assertThat(progress.status()).isEqualTo(RunStatus.FAILED);
    assertThat(progress.failedStep()).isNull();
    assertThat(step(progress, "draft").status()).isEqualTo(StepStatus.SUCCEEDED);
  }

  @Test
  void outputOverTheViewLimit_isLeftOutOfProgress_butWholeForLaterSteps() {
    String big = "x".repeat(RunState.MAX_VIEW_OUTPUT_BYTES);
    PipelineDefinition pipeline =
        pipeline(
            "{\"length\": \"${{ size(steps.big.output.text) }}\"}",
            agent("big", "echo", "{\"text\": \"" + big + "\"}"),
            agent("next", "echo", "{\"length\": \"${{ size(steps.big.output.text) }}\"}", "big"));

    PipelineRunResult result = fixture.run("big-output", PipelineRunInput.of(pipeline, json("{}")));

    StepProgress bigStep = step(result, "big");
    // Left out: absent, which comes back from the history as JSON null.
    assertThat(bigStep.output() == null || bigStep.output().isNull()).isTrue();
    assertThat(bigStep.outputTruncated()).isTrue();
    assertThat(bigStep.outputBytes()).isGreaterThan(RunState.MAX_VIEW_OUTPUT_BYTES);
    assertThat(step(result, "next").output()).isEqualTo(json("{\"length\": 16384}"));
    assertThat(result.output()).isEqualTo(json("{\"length\": 16384}"));
  }
}
