package dev.agenthub.agents.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.agents.HttpBodies;
import dev.agenthub.cost.TokenEstimates;
import java.util.HashSet;
import java.util.Set;

/**
 * How the simulated provider uses tools, deterministically: it calls each offered tool it has not
 * called yet (all at once, or one per turn when parallel calls are off), with arguments derived
 * from the tool's schema and the last user message; once every tool has answered, it answers with
 * their results (as JSON matching the response schema when one is asked for).
 */
final class SimulatedToolUse {

  private static final int RESULT_CHARS = 120;

  private SimulatedToolUse() {}

  static ChatReply reply(String model, ChatRequest request) {
    ArrayNode calls = HttpBodies.JSON.createArrayNode();
    boolean mayCall = request.toolChoice() == null || !"none".equals(request.toolChoice().asText());
    if (mayCall) {
      Set<String> called = calledTools(request);
      boolean parallel = !Boolean.FALSE.equals(request.parallelToolCalls());
      for (JsonNode tool : request.tools()) {
        String name = tool.path("function").path("name").asText();
        if (!called.contains(name) && (parallel || calls.isEmpty())) {
          ObjectNode call = calls.addObject();
          call.put("id", "call_" + (called.size() + calls.size()) + "_" + name);
          call.put("type", "function");
          call.putObject("function")
              .put("name", name)
              .put(
                  "arguments",
                  argumentsFor(tool.path("function").path("parameters"), request).toString());
        }
      }
    }
    String text = calls.isEmpty() ? answer(model, request) : null;
    return new ChatReply(
        text,
        model,
        model,
        calls.isEmpty() ? "stop" : "tool_calls",
        TokenEstimates.tokens(request.transcript()),
        TokenEstimates.tokens(text == null ? calls.toString() : text),
        calls);
  }

  private static Set<String> calledTools(ChatRequest request) {
    Set<String> called = new HashSet<>();
    for (JsonNode message : request.messages()) {
      for (JsonNode call : message.path("tool_calls")) {
        called.add(call.path("function").path("name").asText());
      }
    }
    return called;
  }

  /** Every property of the schema, required or not, with a value of its type. */
  static JsonNode argumentsFor(JsonNode schema, ChatRequest request) {
    String topic = request.lastUserContent().strip().replaceAll("\\s+", " ");
    return objectFor(schema, topic.length() > 60 ? topic.substring(0, 60) : topic);
  }

  private static JsonNode valueOf(JsonNode schema, String text) {
    if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
      return schema.path("enum").get(0);
    }
    return switch (schema.path("type").asText("string")) {
      case "integer", "number" -> HttpBodies.JSON.getNodeFactory().numberNode(1);
      case "boolean" -> HttpBodies.JSON.getNodeFactory().booleanNode(true);
      case "array" -> HttpBodies.JSON.createArrayNode();
      case "object" -> objectFor(schema, text);
      default -> HttpBodies.JSON.getNodeFactory().textNode(text);
    };
  }

  /** Every property (and every required name the schema does not describe) with a value. */
  private static JsonNode objectFor(JsonNode schema, String text) {
    ObjectNode object = HttpBodies.JSON.createObjectNode();
    schema
        .path("properties")
        .fields()
        .forEachRemaining(p -> object.set(p.getKey(), valueOf(p.getValue(), text)));
    for (JsonNode required : schema.path("required")) {
      if (!object.has(required.asText())) {
        object.put(required.asText(), text);
      }
    }
    return object;
  }

  /** The tools' results in a sentence, or JSON of the response schema built from it. */
  private static String answer(String model, ChatRequest request) {
    StringBuilder text = new StringBuilder();
    for (JsonNode message : request.messages()) {
      if ("tool".equals(message.path("role").asText())) {
        String result = message.path("content").asText("").strip().replaceAll("\\s+", " ");
        text.append(text.length() == 0 ? "From the tools: " : "; ")
            .append(message.path("tool_call_id").asText())
            .append(" gave ")
            .append(
                result.length() > RESULT_CHARS ? result.substring(0, RESULT_CHARS) + "…" : result);
      }
    }
    text.append(text.length() == 0 ? "" : ". ").append(SimulatedChat.text(model, request));
    JsonNode format = request.responseFormat();
    JsonNode schema = format == null ? null : format.path("json_schema").path("schema");
    if (schema == null || schema.isMissingNode()) {
      return text.toString();
    }
    return valueOf(schema, text.toString()).toString();
  }
}
