package dev.agenthub.agents.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.agents.HttpBodies;

/**
 * The tool calls of a reply as the llm agent outputs them: {@code [{id, name, arguments}]}, the
 * arguments as the JSON text the model wrote (the workflow parses and checks them).
 */
final class ToolCalls {

  private ToolCalls() {}

  static ArrayNode of(ArrayNode openAiToolCalls) {
    ArrayNode calls = HttpBodies.JSON.createArrayNode();
    for (JsonNode call : openAiToolCalls) {
      JsonNode function = call.path("function");
      JsonNode arguments = function.path("arguments");
      ObjectNode out = calls.addObject();
      out.put("id", call.path("id").asText(""));
      out.put("name", function.path("name").asText(""));
      out.put("arguments", arguments.isTextual() ? arguments.textValue() : arguments.toString());
    }
    return calls;
  }
}
