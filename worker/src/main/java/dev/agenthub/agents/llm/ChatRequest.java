package dev.agenthub.agents.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.agents.AgentException;
import dev.agenthub.agents.HttpBodies;
import dev.agenthub.cost.TokenEstimates;
import java.util.Iterator;
import java.util.Set;

/**
 * An {@code llm} step's arguments, validated.
 *
 * @param provider provider name, or {@code null} for the configured default
 * @param model model name, or {@code null} for the provider's default
 * @param messages chat messages ({@code role}, {@code content}), system message first
 * @param temperature sampling temperature, or {@code null}
 * @param maxTokens completion token limit: the step's {@code max_tokens}, else {@link
 *     TokenEstimates#DEFAULT_MAX_OUTPUT_TOKENS}
 * @param tools the OpenAI {@code tools} the model may call (an agent loop's turn), or {@code null}
 * @param toolChoice the OpenAI {@code tool_choice}, or {@code null}
 * @param parallelToolCalls the OpenAI {@code parallel_tool_calls}, or {@code null}
 * @param responseFormat the OpenAI {@code response_format}, or {@code null}
 */
record ChatRequest(
    String provider,
    String model,
    ArrayNode messages,
    Double temperature,
    long maxTokens,
    ArrayNode tools,
    JsonNode toolChoice,
    Boolean parallelToolCalls,
    JsonNode responseFormat) {

  private static final Set<String> ROLES =
      Set.of("system", "user", "assistant", "developer", "tool");

  /** Parses the arguments: {@code prompt} or {@code messages}, and optional settings. */
  static ChatRequest parse(JsonNode args) throws AgentException {
    ArrayNode messages = HttpBodies.JSON.createArrayNode();
    JsonNode system = args.get("system");
    if (system != null && !system.isNull()) {
      messages.add(message("system", text(system)));
    }
    JsonNode list = args.get("messages");
    if (list != null && !list.isNull()) {
      if (!list.isArray()) {
        throw AgentException.configError("argument `messages` must be a list of {role, content}");
      }
      for (Iterator<JsonNode> it = list.elements(); it.hasNext(); ) {
        JsonNode m = it.next();
        String role = m.path("role").asText("");
        boolean callsTools = "assistant".equals(role) && m.path("tool_calls").isArray();
        if (!ROLES.contains(role) || (!m.hasNonNull("content") && !callsTools)) {
          throw AgentException.configError(
              "each of `messages` needs a role (one of " + ROLES + ") and a content");
        }
        if ("tool".equals(role) && !m.path("tool_call_id").isTextual()) {
          throw AgentException.configError("a `tool` message needs its tool_call_id");
        }
        messages.add(copy(m, role));
      }
    }
    JsonNode prompt = args.get("prompt");
    if (prompt != null && !prompt.isNull()) {
      messages.add(message("user", text(prompt)));
    }
    if (messages.isEmpty() || (system != null && messages.size() == 1)) {
      throw AgentException.configError("the llm agent needs a `prompt` or `messages`");
    }
    return new ChatRequest(
        optionalText(args, "provider"),
        optionalText(args, "model"),
        messages,
        temperature(args),
        maxTokens(args),
        args.path("tools").isArray() ? (ArrayNode) args.get("tools") : null,
        present(args.get("tool_choice")),
        args.path("parallel_tool_calls").isBoolean()
            ? args.get("parallel_tool_calls").booleanValue()
            : null,
        present(args.get("response_format")));
  }

  /** Whether the model is offered tools: a turn of an agent loop. */
  boolean offersTools() {
    return tools != null && !tools.isEmpty();
  }

  private static JsonNode present(JsonNode value) {
    return value == null || value.isNull() ? null : value;
  }

  /** A message as the protocol has it: content as text, tool calls and call ids kept. */
  private static ObjectNode copy(JsonNode m, String role) {
    ObjectNode copy = HttpBodies.JSON.createObjectNode().put("role", role);
    if (m.hasNonNull("content")) {
      copy.put("content", text(m.get("content")));
    } else {
      copy.putNull("content");
    }
    if (m.has("tool_calls")) {
      copy.set("tool_calls", m.get("tool_calls"));
    }
    if (m.has("tool_call_id")) {
      copy.set("tool_call_id", m.get("tool_call_id"));
    }
    return copy;
  }

  /** The messages as one text, for hashing and token estimates. */
  String transcript() {
    StringBuilder text = new StringBuilder();
    messages.forEach(
        m -> {
          text.append(m.get("role").asText()).append(": ").append(m.path("content").asText(""));
          if (m.has("tool_calls")) {
            text.append(m.get("tool_calls"));
          }
        });
    return text.toString();
  }

  /** The content of the last user message, or an empty string. */
  String lastUserContent() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if ("user".equals(messages.get(i).get("role").asText())) {
        return messages.get(i).get("content").asText();
      }
    }
    return "";
  }

  private static ObjectNode message(String role, String content) {
    return HttpBodies.JSON.createObjectNode().put("role", role).put("content", content);
  }

  /** Scalars as their text; objects and lists as JSON, so templates may render structures. */
  private static String text(JsonNode value) {
    return value.isValueNode() ? value.asText() : value.toString();
  }

  private static String optionalText(JsonNode args, String name) throws AgentException {
    JsonNode value = args.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual() || value.textValue().isBlank()) {
      throw AgentException.configError("argument `" + name + "` must be a non-empty string");
    }
    return value.textValue();
  }

  private static Double temperature(JsonNode args) throws AgentException {
    JsonNode value = numeric(args.get("temperature"));
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber() || value.doubleValue() < 0 || value.doubleValue() > 2) {
      throw AgentException.configError("argument `temperature` must be a number from 0 to 2");
    }
    return value.doubleValue();
  }

  private static long maxTokens(JsonNode args) throws AgentException {
    JsonNode value = numeric(args.get("max_tokens"));
    if (value == null || value.isNull()) {
      // Sent, never left to the provider: it is the output the budget guard reserves for.
      return TokenEstimates.DEFAULT_MAX_OUTPUT_TOKENS;
    }
    if (!value.canConvertToExactIntegral() || value.longValue() < 1) {
      throw AgentException.configError("argument `max_tokens` must be a positive integer");
    }
    return value.longValue();
  }

  /** Rendered templates yield text; a numeric text counts as the number. */
  private static JsonNode numeric(JsonNode value) {
    if (value != null && value.isTextual()) {
      try {
        return HttpBodies.JSON.readTree(value.textValue().trim());
      } catch (java.io.IOException notNumeric) {
        return value;
      }
    }
    return value;
  }
}
