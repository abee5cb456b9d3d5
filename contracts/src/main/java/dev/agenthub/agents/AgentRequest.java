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
 */
public record AgentRequest(
    String pipeline, String stepId, JsonNode arguments, String idempotencyKey, JsonNode context) {}
