package dev.agenthub.dsl;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One tool an {@code llm} step's model may call: an agent of the platform, run as its own activity
 * for each call, or a pipeline, run as a child workflow for each call (exactly one of the two).
 *
 * @param name the name the model calls it by ({@code [A-Za-z0-9_-]}, at most 64 characters)
 * @param description what it does, for the model; {@code null} for the agent's own description
 * @param agent the agent that runs each call ({@code http}, {@code transform}, a declared agent),
 *     or {@code null} for a pipeline tool
 * @param pipeline the pipeline each call runs as a child (its output is the call's result), or
 *     {@code null} for an agent tool
 * @param with the agent's arguments (a pipeline's input) as a template over the run's variables and
 *     {@code args} (the model's arguments); {@code null} to pass the model's arguments to the agent
 *     as they are
 * @param arguments JSON Schema of the arguments the model may pass; {@code null} for the agent's
 *     declared arguments, or the pipeline's input schema
 * @param requireApproval whether each call waits for an operator's decision before it runs
 * @param retry retry policy of each call, or {@code null} for the defaults
 * @param timeout per-attempt timeout of each call, or {@code null} for the default
 */
public record ToolDefinition(
    String name,
    String description,
    String agent,
    String pipeline,
    JsonNode with,
    JsonNode arguments,
    boolean requireApproval,
    RetryDefinition retry,
    String timeout) {

  public ToolDefinition {
    // A JSON null read back from a run's input arrives as a NullNode: it means none.
    with = with == null || with.isNull() ? null : with;
    arguments = arguments == null || arguments.isNull() ? null : arguments;
  }
}
