package dev.agenthub.run;

import static dev.agenthub.run.TestPipelines.agent;
import static dev.agenthub.run.TestPipelines.json;
import static dev.agenthub.run.TestPipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.agenthub.cost.Usage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunStateTest {

  private static final Instant AT = Instant.parse("2025-06-01T12:00:00Z");

  private static RunState stateWithOutput(JsonNode output) {
    RunState state =
        new RunState(
            pipeline(agent("big", "echo", "{}"), agent("next", "echo", "{}", "big")),
            json("{}"),
            JsonNodeFactory.instance.objectNode());
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
    assertThat(state.variablesObject().get("steps")).isEqualTo(steps);
  }
}
