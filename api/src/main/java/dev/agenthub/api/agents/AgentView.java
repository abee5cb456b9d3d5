package dev.agenthub.api.agents;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One agent in {@code GET /api/v1/agents}.
 *
 * @param name what pipelines write after {@code agent:}
 * @param description what it does
 * @param kind {@code built-in}, {@code java} (declared, served in the pipelines' workers) or {@code
 *     external} (declared with a task queue of its own, served by a worker in any SDK)
 * @param taskQueue where its activities are scheduled
 * @param arguments JSON Schema of a step's {@code with}
 * @param output JSON Schema of its output, or {@code null}
 * @param costBearing whether it reports usage and passes through the budget guard
 * @param polled whether a worker polls {@code taskQueue} now; {@code null} when Temporal could not
 *     be asked
 */
public record AgentView(
    String name,
    String description,
    String kind,
    String taskQueue,
    JsonNode arguments,
    JsonNode output,
    boolean costBearing,
    Boolean polled) {}
