package dev.agenthub.devkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The lines under an agent loop's step in {@code ./agenthub run}: each model turn with its tokens
 * and cost, and under it each tool call it asked for with its status and cost.
 */
final class AgentLoopLines {

  private AgentLoopLines() {}

  /** The lines for a step's output; none when it is not an agent loop's. */
  static List<String> of(JsonNode output) {
    List<String> lines = new ArrayList<>();
    if (output == null || !output.path("perTurn").isArray()) {
      return lines;
    }
    for (JsonNode turn : output.path("perTurn")) {
      int number = turn.path("turn").asInt();
      lines.add(
          String.format(
              Locale.ROOT,
              "turn %d  %s %d+%d tokens $%.6f",
              number,
              turn.path("model").asText("-"),
              turn.path("inputTokens").asLong(),
              turn.path("outputTokens").asLong(),
              turn.path("costUsd").asDouble()));
      for (JsonNode call : output.path("toolCalls")) {
        if (call.path("turn").asInt() == number) {
          lines.add(
              String.format(
                  Locale.ROOT,
                  "  tool %-14s %-17s $%.6f",
                  call.path("name").asText(),
                  call.path("status").asText(),
                  call.path("costUsd").asDouble()));
        }
      }
    }
    return lines;
  }
}
