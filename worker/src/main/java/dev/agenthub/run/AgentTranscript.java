package dev.agenthub.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * The conversation of one agent loop in OpenAI's message form: the step's system text, messages and
 * prompt, then each turn's assistant message and the tools' results. It travels in every turn's
 * activity input, so it lives in the history; {@link #bytes} bounds it.
 */
final class AgentTranscript {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final ArrayNode messages = JSON.arrayNode();

  /** The opening messages of a loop whose step has these (rendered) arguments. */
  static AgentTranscript opening(JsonNode arguments) {
    AgentTranscript transcript = new AgentTranscript();
    JsonNode system = arguments.path("system");
    if (!system.isMissingNode() && !system.isNull()) {
      transcript.add("system", system);
    }
    for (JsonNode message : arguments.path("messages")) {
      transcript.messages.add(message.deepCopy());
    }
    JsonNode prompt = arguments.path("prompt");
    if (!prompt.isMissingNode() && !prompt.isNull()) {
      transcript.add("user", prompt);
    }
    return transcript;
  }

  /**
   * The model's turn: its text (may be null) and the calls it asked for ({id, name, arguments}).
   */
  void assistant(JsonNode text, JsonNode toolCalls) {
    ObjectNode message = messages.addObject().put("role", "assistant");
    message.set("content", text == null || text.isMissingNode() ? JSON.nullNode() : text);
    if (toolCalls != null && !toolCalls.isEmpty()) {
      ArrayNode calls = message.putArray("tool_calls");
      for (JsonNode call : toolCalls) {
        ObjectNode openAi = calls.addObject();
        openAi.put("id", call.path("id").asText());
        openAi.put("type", "function");
        openAi
            .putObject("function")
            .put("name", call.path("name").asText())
            .put("arguments", call.path("arguments").asText());
      }
    }
  }

  /** A tool's result, answering call {@code callId}. */
  void tool(String callId, String content) {
    messages.addObject().put("role", "tool").put("tool_call_id", callId).put("content", content);
  }

  /** A user message (the loop's correction of an answer that missed the response schema). */
  void user(String content) {
    add("user", JSON.textNode(content));
  }

  ArrayNode messages() {
    return messages;
  }

  /** Its size as the history holds it (UTF-8 JSON). */
  int bytes() {
    return messages.toString().getBytes(StandardCharsets.UTF_8).length;
  }

  private void add(String role, JsonNode content) {
    messages.addObject().put("role", role).set("content", content);
  }
}
