package dev.agenthub.run;

import static dev.agenthub.run.TestPipelines.agent;
import static dev.agenthub.run.TestPipelines.json;
import static dev.agenthub.run.TestPipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.agenthub.cost.Usage;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.StepDefinition;
import dev.agenthub.dsl.expr.ExpressionLimits;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RunStateTest {

  private static RunState stateOf(int steps) {
    PipelineDefinition pipeline =
        TestPipelines.pipeline(
            IntStream.range(0, steps)
                .mapToObj(i -> agent("s" + i, "echo", "{}"))
                .toArray(StepDefinition[]::new));
    return new RunState(
        pipeline, json("{}"), JsonNodeFactory.instance.objectNode(), ExpressionLimits.ENFORCED);
  }

  @Test
  void stepTransitions_recordEachStatus_andOnlyClosedOnesAreSettled() {
    RunState state = stateOf(5);
    StepError error = new StepError("Boom", "it broke");

    state.running("s0", Instant.EPOCH);
    state.waitingApproval("s1", Instant.EPOCH);
    state.failed("s2", Instant.EPOCH, 3, error);
    state.skipped("s3", Instant.EPOCH, 0, error);
    state.cancelled("s4", Instant.EPOCH, 1, error);

    assertThat(state.steps())
        .extracting(StepProgress::id, StepProgress::status)
        .containsExactly(
            tuple("s0", StepStatus.RUNNING),
            tuple("s1", StepStatus.WAITING_APPROVAL),
            tuple("s2", StepStatus.FAILED),
            tuple("s3", StepStatus.SKIPPED),
            tuple("s4", StepStatus.CANCELLED));
    assertThat(state.step("s2").attempts()).isEqualTo(3);
    assertThat(state.step("s2").error()).isEqualTo(error);
    assertThat(state.isSettled("s0")).isFalse();
    assertThat(state.isSettled("s1")).isFalse();
    assertThat(state.isSettled("s2")).isTrue();
    assertThat(state.isSettled("s3")).isTrue();
    assertThat(state.isSettled("s4")).isTrue();
  }

  @Test
  void finish_setsTheStatusAndFailedStep_thatTheProgressReports() {
    RunState state = stateOf(1);
    assertThat(state.status()).isEqualTo(RunStatus.RUNNING);

    state.finish(RunStatus.FAILED, "s0");

    assertThat(state.status()).isEqualTo(RunStatus.FAILED);
    assertThat(state.progress().status()).isEqualTo(RunStatus.FAILED);
    assertThat(state.progress().failedStep()).isEqualTo("s0");
  }

  @Test
  void usage_sumsTheStepsThisRunRan_notTheOnesReusedFromAnEarlierRun() {
    RunState state = stateOf(3);
    state.succeeded("s0", Instant.EPOCH, json("{}"), 1, new Usage("m", 10, 5, 0.5, true));
    state.succeeded("s1", Instant.EPOCH, json("{}"), 1, new Usage("m", 1, 2, 0.25, true));
    state.update(
        state
            .step("s2")
            .succeeded(Instant.EPOCH, 1, json("{}"), new Usage("m", 100, 100, 9.0, true))
            .reusedFromEarlierRun());

    assertThat(state.usage().inputTokens()).isEqualTo(11);
    assertThat(state.usage().outputTokens()).isEqualTo(7);
    assertThat(state.usage().costUsd()).isEqualTo(0.75);
    assertThat(state.progress().usage()).isEqualTo(state.usage());
  }

  @Test
  void progress_showsOutputsUpToExactlyTheTotalLimit_andLeavesOutTheNext() {
    int perStep = RunState.MAX_VIEW_OUTPUT_BYTES;
    int fitting = RunState.MAX_VIEW_TOTAL_OUTPUT_BYTES / perStep;
    RunState state = stateOf(fitting + 1);
    // A JSON string of n characters is n + 2 bytes with its quotes.
    JsonNode output = JsonNodeFactory.instance.textNode("x".repeat(perStep - 2));
    for (int i = 0; i <= fitting; i++) {
      state.succeeded("s" + i, Instant.EPOCH, output, 1, null);
    }

    RunProgress progress = state.progress();

    assertThat(progress.steps().get(fitting - 1).output()).isEqualTo(output);
    assertThat(progress.steps().get(fitting).outputTruncated()).isTrue();
  }

  @Test
  void variables_holdAnEmptyInput_whenTheRunHasNone() {
    RunState state =
        new RunState(
            TestPipelines.pipeline(agent("s0", "echo", "{}")),
            null,
            JsonNodeFactory.instance.objectNode(),
            ExpressionLimits.ENFORCED);

    assertThat(state.variables().get("input")).isEqualTo(json("{}"));
    assertThat(state.test("size(input) == 0")).isTrue();
  }

  @Test
  void progress_leavesOutOutputsPastTheTotalLimit_howeverManyStepsRun() {
    RunState state = stateOf(300);
    String text = "x".repeat(15 * 1024);
    for (int i = 0; i < 300; i++) {
      state.running("s" + i, Instant.EPOCH);
      state.succeeded("s" + i, Instant.EPOCH, JsonNodeFactory.instance.textNode(text), 1, null);
    }

    RunProgress progress = state.progress();

    long shown = progress.steps().stream().filter(s -> s.output() != null).count();
    assertThat(shown).isEqualTo(RunState.MAX_VIEW_TOTAL_OUTPUT_BYTES / (15 * 1024 + 2));
    assertThat(progress.steps().get(299).outputTruncated()).isTrue();
    assertThat(progress.steps().get(299).outputBytes()).isEqualTo(15 * 1024 + 2);
    assertThat(progress.toString().length()).isLessThan(512 * 1024);
  }

  @Test
  void variablesObject_holdsOnlyTheStepsRead() {
    RunState state = stateOf(3);

    assertThat(state.variablesObject(Optional.of(Set.of("s1"))).path("steps").size()).isEqualTo(1);
    assertThat(state.variablesObject(Optional.empty()).path("steps").size()).isEqualTo(3);
  }

  private static final Instant AT = Instant.parse("2025-06-01T12:00:00Z");

  private static RunState stateWithOutput(JsonNode output) {
    RunState state =
        new RunState(
            pipeline(agent("big", "echo", "{}"), agent("next", "echo", "{}", "big")),
            json("{}"),
            JsonNodeFactory.instance.objectNode(),
            ExpressionLimits.ENFORCED);
    state.running("big", AT);
    state.succeeded("big", AT, output, 1, Usage.NONE);
    return state;
  }

  /** A JSON string whose serialized form (with its two quotes) is {@code bytes} bytes. */
  private static JsonNode textOfBytes(int bytes) {
    return TextNode.valueOf("x".repeat(bytes - 2));
  }

  @Test
  void progress_outputOfExactlyTheLimit_isShown() {
    JsonNode output = textOfBytes(RunState.MAX_VIEW_OUTPUT_BYTES);

    StepProgress big = stateWithOutput(output).progress().steps().get(0);

    assertThat(big.output()).isEqualTo(output);
    assertThat(big.outputTruncated()).isFalse();
    assertThat(big.outputBytes()).isEqualTo(RunState.MAX_VIEW_OUTPUT_BYTES);
  }

  @Test
  void progress_outputOverTheLimit_isLeftOutWithItsSize() {
    JsonNode output = textOfBytes(RunState.MAX_VIEW_OUTPUT_BYTES + 1);

    StepProgress big = stateWithOutput(output).progress().steps().get(0);

    assertThat(big.output()).isNull();
    assertThat(big.outputTruncated()).isTrue();
    assertThat(big.outputBytes()).isEqualTo(RunState.MAX_VIEW_OUTPUT_BYTES + 1);
    assertThat(big.status()).isEqualTo(StepStatus.SUCCEEDED);
  }

  @Test
  void outputOverTheLimit_staysWholeForExpressionsAndSucceededSteps() {
    JsonNode output = textOfBytes(RunState.MAX_VIEW_OUTPUT_BYTES + 1);
    RunState state = stateWithOutput(output);

    assertThat(state.variables().get("steps").path("big").path("output")).isEqualTo(output);
    assertThat(state.succeededSteps().get("big").output()).isEqualTo(output);
    assertThat(state.succeededSteps()).containsOnlyKeys("big");
  }

  @Test
  void variables_describeEachStepsStatusOutputAttemptsAndError() {
    RunState state = stateWithOutput(json("{\"n\": 1}"));
    state.running("next", AT);
    state.failed("next", AT, 2, new StepError("AgentRemoteError", "HTTP 503"));

    JsonNode steps = state.variables().get("steps");

    assertThat(steps.get("big"))
        .isEqualTo(
            json(
                "{\"status\": \"succeeded\", \"output\": {\"n\": 1}, \"attempts\": 1,"
                    + " \"error\": null}"));
    assertThat(steps.get("next"))
        .isEqualTo(
            json(
                "{\"status\": \"failed\", \"output\": null, \"attempts\": 2,"
                    + " \"error\": {\"type\": \"AgentRemoteError\", \"message\": \"HTTP 503\"}}"));
    assertThat(state.variablesObject(Optional.empty()).get("steps")).isEqualTo(steps);
  }
}
