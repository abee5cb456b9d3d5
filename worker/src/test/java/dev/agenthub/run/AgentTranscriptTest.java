package dev.agenthub.run;

import static dev.agenthub.run.TestPipelines.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The conversation an agent loop carries from turn to turn, without a workflow. */
class AgentTranscriptTest {

  @Test
  void opening_putsTheSystemTextFirst_thenTheStepsMessages_thenThePrompt() {
    AgentTranscript transcript =
        AgentTranscript.opening(
            json(
                """
                {"system": "Be brief", "prompt": "Research agents", "model": "m",
                 "messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}]}
                """));

    assertThat(transcript.messages())
        .isEqualTo(
            json(
                """
                [{"role": "system", "content": "Be brief"},
                 {"role": "user", "content": "Hi"},
                 {"role": "assistant", "content": "Hello"},
                 {"role": "user", "content": "Research agents"}]
                """));
  }

  @Test
  void opening_withoutSystemOrWithANullOne_startsWithTheMessages() {
    assertThat(AgentTranscript.opening(json("{\"system\": null, \"prompt\": \"Go\"}")).messages())
        .isEqualTo(json("[{\"role\": \"user\", \"content\": \"Go\"}]"));
    assertThat(AgentTranscript.opening(json("{\"prompt\": null}")).messages()).isEmpty();
  }

  @Test
  void bytes_isTheUtf8SizeOfTheMessagesAsJson_andGrowsWithEachMessage() {
    AgentTranscript transcript = AgentTranscript.opening(json("{\"prompt\": \"Grüße\"}"));
    String opening = "[{\"role\":\"user\",\"content\":\"Grüße\"}]";

    assertThat(transcript.bytes())
        .isEqualTo(opening.getBytes(StandardCharsets.UTF_8).length)
        .isGreaterThan(opening.length());

    transcript.tool("call_1", "{\"ok\":true}");

    assertThat(transcript.bytes())
        .isEqualTo(transcript.messages().toString().getBytes(StandardCharsets.UTF_8).length)
        .isGreaterThan(opening.getBytes(StandardCharsets.UTF_8).length);
  }
}
