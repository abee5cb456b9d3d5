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
 */
record ChatRequest(
    String provider, String model, ArrayNode messages, Double temperature, long maxTokens) {

  private static final Set<String> ROLES = Set.of("system", "user", "assistant", "developer");

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
        if (!ROLES.contains(role) || !m.hasNonNull("content")) {
          throw AgentException.configError(
              "each of `messages` needs a role (one of " + ROLES + ") and a content");
        }
        messages.add(message(role, text(m.get("content"))));
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
        maxTokens(args));
  }

  /** The messages as one text, for hashing and token estimates. */
  String transcript() {
    StringBuilder text = new StringBuilder();
    messages.forEach(
        m -> text.append(m.get("role").asText()).append(": ").append(m.get("content").asText()));
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
