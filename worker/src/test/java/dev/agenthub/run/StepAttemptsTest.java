package dev.agenthub.run;

import static dev.agenthub.run.InterpreterFixture.step;
import static dev.agenthub.run.TestPipelines.agent;
import static dev.agenthub.run.TestPipelines.json;
import static dev.agenthub.run.TestPipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.RetryDefinition;
import dev.agenthub.dsl.StepDefinition;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A step's attempts at run time: the default policy, timeouts, and non-retryable error types. */
class StepAttemptsTest {

  private final InterpreterFixture fixture = new InterpreterFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  private static StepDefinition withPolicy(
      StepDefinition step, RetryDefinition retry, String timeout) {
    return new StepDefinition(
        step.id(),
        step.type(),
        step.agent(),
        step.with(),
        step.needs(),
        step.when(),
        retry,
        timeout,
        step.onError());
  }

  private static PipelineRunInput input(PipelineDefinition pipeline) {
    return PipelineRunInput.of(pipeline, json("{}"));
  }

  @Test
  void stepWithoutRetry_makesTheDefaultThreeAttempts() {
    PipelineDefinition pipeline = pipeline(agent("fetch", "flaky", "{\"failures\": 9}"));

    ApplicationFailure failure = fixture.failureOf("default-attempts", input(pipeline));

    assertThat(failure.getOriginalMessage())
        .isEqualTo("step \"fetch\" failed: AgentRemoteError: HTTP 503 on attempt 3");
    RunProgress progress = failure.getDetails().get(RunProgress.class);
    assertThat(step(progress, "fetch").attempts()).isEqualTo(3);
    assertThat(fixture.agents.calls("fetch")).isEqualTo(3);
  }

  @Test
  void attemptsThatTimeOut_failTheStepWithTimeoutAfterMaxAttempts() {
    StepDefinition slow =
        withPolicy(
            agent("fetch", "slow", "{\"millis\": 3000}"),
            new RetryDefinition(2, "1s", 1.0, "1s", null),
            "1s");

    ApplicationFailure failure = fixture.failureOf("timed-out", input(pipeline(slow)));

    assertThat(failure.getType()).isEqualTo(FailureTypes.STEP_FAILED);
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "step \"fetch\" failed: Timeout: attempt timed out (TIMEOUT_TYPE_START_TO_CLOSE)");
    RunProgress progress = failure.getDetails().get(RunProgress.class);
    assertThat(step(progress, "fetch").status()).isEqualTo(StepStatus.FAILED);
    assertThat(step(progress, "fetch").attempts()).isEqualTo(2);
    assertThat(step(progress, "fetch").error().type()).isEqualTo("Timeout");
  }

  @Test
  void errorTypeListedAsNonRetryable_stopsAfterTheFirstAttempt() {
    StepDefinition flaky =
        withPolicy(
            agent("fetch", "flaky", "{\"failures\": 9}"),
            new RetryDefinition(5, "1s", 1.0, "1s", List.of(FailureTypes.AGENT_REMOTE_ERROR)),
            null);

    ApplicationFailure failure = fixture.failureOf("non-retryable", input(pipeline(flaky)));

    assertThat(failure.getOriginalMessage())
        .isEqualTo("step \"fetch\" failed: AgentRemoteError: HTTP 503 on attempt 1");
    RunProgress progress = failure.getDetails().get(RunProgress.class);
    assertThat(step(progress, "fetch").attempts()).isEqualTo(1);
    assertThat(fixture.agents.calls("fetch")).isEqualTo(1);
  }

  @Test
  void errorTypeNotListedAsNonRetryable_isStillRetried() {
    StepDefinition flaky =
        withPolicy(
            agent("fetch", "flaky", "{\"failures\": 1}"),
            new RetryDefinition(5, "1s", 1.0, "1s", List.of(FailureTypes.AGENT_CLIENT_ERROR)),
            null);

    PipelineRunResult result = fixture.run("still-retried", input(pipeline(flaky)));

    assertThat(step(result, "fetch").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(step(result, "fetch").attempts()).isEqualTo(2);
  }
}
