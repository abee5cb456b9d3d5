package dev.agenthub.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.cost.Usage;

/**
 * One tool call of an agent loop, settled: what the model asked for and what came of it.
 *
 * @param id the model's call id
 * @param name the tool's name
 * @param arguments the model's arguments (parsed, or the raw text when they were not JSON)
 * @param turn the model turn that asked for it
 * @param status {@code succeeded}, {@code failed}, {@code rejected}, {@code invalid_arguments} or
 *     {@code unknown_tool}
 * @param result what goes back to the model: the agent's output, or an error object
 * @param usage what the call cost ({@link Usage#NONE} when it ran no agent)
 */
record ToolCall(
    String id,
    String name,
    JsonNode arguments,
    int turn,
    String status,
    JsonNode result,
    Usage usage) {

  static final String SUCCEEDED = "succeeded";
  static final String FAILED = "failed";
  static final String REJECTED = "rejected";
  static final String INVALID_ARGUMENTS = "invalid_arguments";
  static final String UNKNOWN_TOOL = "unknown_tool";

  /** A call that ran no agent, with an error the model reads. */
  static ToolCall refused(
      String id, String name, JsonNode arguments, int turn, String status, String message) {
    ObjectNode error = JsonNodeFactory.instance.objectNode();
    error.putObject("error").put("type", status).put("message", message);
    return new ToolCall(id, name, arguments, turn, status, error, Usage.NONE);
  }

  /** The tool message's content: the result as JSON text. */
  String content() {
    return result.isTextual() ? result.textValue() : result.toString();
  }

  /** Its entry in the step's output (no result: the tool messages are not repeated there). */
  ObjectNode summary() {
    ObjectNode summary = JsonNodeFactory.instance.objectNode();
    summary.put("id", id).put("name", name).put("turn", turn).put("status", status);
    summary.set("arguments", arguments);
    summary.put("costUsd", usage == null ? 0 : usage.costUsd());
    return summary;
  }
}
