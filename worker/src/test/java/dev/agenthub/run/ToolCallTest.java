package dev.agenthub.run;

import static dev.agenthub.run.TestPipelines.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.cost.Usage;
import org.junit.jupiter.api.Test;

/** A settled tool call's entry in the step's output and its message to the model. */
class ToolCallTest {

  @Test
  void summary_namesTheCall_itsTurnStatusArguments_andWhatItCost() {
    ToolCall call =
        new ToolCall(
            "call_1",
            "score",
            json("{\"company\": \"acme\"}"),
            2,
            ToolCall.SUCCEEDED,
            json("{\"score\": 0.8}"),
            new Usage("scorer", 30, 4, 0.25, true));

    assertThat(call.summary())
        .isEqualTo(
            json(
                """
                {"id": "call_1", "name": "score", "turn": 2, "status": "succeeded",
                 "arguments": {"company": "acme"}, "costUsd": 0.25}
                """));
  }

  @Test
  void summary_ofACallWithoutUsage_costsNothing() {
    ToolCall call =
        new ToolCall("call_1", "score", json("{}"), 1, ToolCall.SUCCEEDED, json("{}"), null);

    assertThat(call.summary().path("costUsd").asDouble()).isZero();
  }

  @Test
  void refused_isAnErrorTheModelReads_withoutCost() {
    ToolCall call =
        ToolCall.refused("call_1", "score", json("{}"), 1, ToolCall.REJECTED, "not today");

    assertThat(call.content())
        .isEqualTo("{\"error\":{\"type\":\"rejected\",\"message\":\"not today\"}}");
    assertThat(call.usage()).isEqualTo(Usage.NONE);
  }
}
