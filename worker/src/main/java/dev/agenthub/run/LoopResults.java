package dev.agenthub.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.cost.Usage;
import dev.agenthub.dsl.InputValidator;
import dev.agenthub.dsl.ValidationError;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What an agent loop makes of the model's turns: usage summed, the final answer parsed and checked
 * against the response schema, and the step's output (answer, tool calls, per-turn cost).
 */
final class LoopResults {

  private static final ObjectMapper JSON = new ObjectMapper();

  private LoopResults() {}

  static ObjectNode turnSummary(int turn, Usage usage, JsonNode requested) {
    ObjectNode summary = JsonNodeFactory.instance.objectNode().put("turn", turn);
    if (usage != null) {
      summary
          .put("model", usage.model())
          .put("inputTokens", usage.inputTokens())
          .put("outputTokens", usage.outputTokens())
          .put("costUsd", usage.costUsd());
    }
    ArrayNode names = summary.putArray("toolCalls");
    requested.forEach(call -> names.add(call.path("name").asText()));
    return summary;
  }

  static Usage plus(Usage total, Usage more) {
    if (more == null) {
      return total;
    }
    return new Usage(
        more.model() != null ? more.model() : total.model(),
        total.inputTokens() + more.inputTokens(),
        total.outputTokens() + more.outputTokens(),
        total.costUsd() + more.costUsd(),
        total.pricingKnown() && more.pricingKnown());
  }

  static JsonNode parse(String text) {
    String json = text.strip();
    // Models often fence JSON in Markdown; the fence is not part of the answer.
    if (json.startsWith("```")) {
      json = json.replaceFirst("^```[a-zA-Z]*\\s*", "").replaceFirst("\\s*```$", "");
    }
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      return null;
    }
  }

  static List<String> problems(JsonNode schema, JsonNode answer) {
    if (answer == null || answer.isMissingNode()) {
      return List.of("the answer is not JSON");
    }
    return InputValidator.forSchema(schema).validate(answer).stream()
        .map(ValidationError::toString)
        .collect(Collectors.toList());
  }

  static ObjectNode stepOutput(JsonNode output, JsonNode answer, int turns, List<ToolCall> calls) {
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.set("text", output.path("text"));
    if (answer != null) {
      result.set("output", answer);
    }
    result.set("model", output.path("model"));
    result.set("finishReason", output.path("finishReason"));
    result.put("turns", turns);
    ArrayNode made = result.putArray("toolCalls");
    calls.forEach(call -> made.add(call.summary()));
    return result;
  }
}
