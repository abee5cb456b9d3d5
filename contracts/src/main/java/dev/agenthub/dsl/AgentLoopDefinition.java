package dev.agenthub.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The tool-calling loop of an {@code llm} step that declares {@code tools}: the model is called,
 * the tools it asks for run, their results go back to it, until it answers or a limit is reached.
 *
 * @param tools the tools the model may call, in file order
 * @param maxTurns the most model calls; the step fails {@code AgentMaxTurns} past it
 * @param toolChoice {@code auto}, {@code none}, {@code required} or a tool's name; {@code null} for
 *     the provider's default
 * @param parallelToolCalls whether the model may ask for several calls in one turn; {@code null}
 *     for the provider's default
 * @param responseSchema JSON Schema the final answer must match (as JSON), or {@code null} for text
 * @param maxTranscriptBytes the most the conversation may hold; the step fails past it
 */
public record AgentLoopDefinition(
    List<ToolDefinition> tools,
    int maxTurns,
    String toolChoice,
    Boolean parallelToolCalls,
    JsonNode responseSchema,
    int maxTranscriptBytes) {

  /** Model turns when a step sets no {@code maxTurns}. */
  public static final int DEFAULT_MAX_TURNS = 8;

  /** The largest {@code maxTurns} a step may set. */
  public static final int MAX_TURNS_LIMIT = 50;

  /** Transcript bytes when a step sets no {@code maxTranscriptBytes}: 256 KiB. */
  public static final int DEFAULT_MAX_TRANSCRIPT_BYTES = 256 * 1024;

  /** The largest transcript a step may allow: 1 MiB, half of Temporal's payload limit. */
  public static final int MAX_TRANSCRIPT_BYTES_LIMIT = 1024 * 1024;

  public AgentLoopDefinition {
    tools = tools == null ? List.of() : List.copyOf(tools);
    // A JSON null read back from a run's input arrives as a NullNode: it means none.
    responseSchema = responseSchema == null || responseSchema.isNull() ? null : responseSchema;
  }

  /** The tool named {@code name}, or {@code null}. */
  public ToolDefinition tool(String name) {
    return tools.stream()
        .filter(t -> t.name() != null && t.name().equals(name))
        .findFirst()
        .orElse(null);
  }
}
