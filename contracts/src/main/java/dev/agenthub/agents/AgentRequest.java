package dev.agenthub.agents;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The input of every agent activity. The activity type is the agent's name.
 *
 * @param pipeline pipeline name (for telemetry labels)
 * @param stepId the step running this agent
 * @param arguments the step's {@code with}, templates already rendered
 * @param idempotencyKey stable across attempts of this step in this run: {@code workflowId/stepId}
 * @param context the expression variables ({@code input}, {@code steps}, {@code run}) for agents
 *     that evaluate CEL themselves ({@code transform}); {@code null} for the others
 * @param tool the tool call this activity runs, for a call of an agent loop; {@code null} for a
 *     step's own agent
 * @param agentSpanId for a model turn or tool call of an agent loop, the id (16 hex digits) of the
 *     loop's {@code invoke_agent} span, which the run emits when the loop ends: the activity's own
 *     GenAI span names it as its parent; {@code null} otherwise (and in runs recorded before it)
 */
public record AgentRequest(
    String pipeline,
    String stepId,
    JsonNode arguments,
    String idempotencyKey,
    JsonNode context,
    ToolCall tool,
    String agentSpanId) {

  /** The request of a step's own agent. */
  public AgentRequest(
      String pipeline, String stepId, JsonNode arguments, String idempotencyKey, JsonNode context) {
    this(pipeline, stepId, arguments, idempotencyKey, context, null, null);
  }

  /** A request outside an agent loop's span, for {@code tool} (may be {@code null}). */
  public AgentRequest(
      String pipeline,
      String stepId,
      JsonNode arguments,
      String idempotencyKey,
      JsonNode context,
      ToolCall tool) {
    this(pipeline, stepId, arguments, idempotencyKey, context, tool, null);
  }

  /**
   * A tool call of an agent loop.
   *
   * @param name the tool's name in the step
   * @param callId the model's id of the call
   */
  public record ToolCall(String name, String callId) {}
}
