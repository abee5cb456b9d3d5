package dev.agenthub.agents;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.dsl.RetryDefinition;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An agent a user declared in an agents file ({@code agents/*.yml}): its contract, which the
 * validator checks steps against, and the defaults its steps run with. It travels in a run's input
 * (see {@code PipelineRunInput#agents}), so that editing the file never changes a run in flight.
 *
 * @param name the agent's name, used in pipelines ({@code agent: score-lead}) and as the activity
 *     type
 * @param description what it does, for people
 * @param taskQueue the Temporal task queue its activities are scheduled on; {@code null} for the
 *     pipelines' own queue (a Java agent in the worker process)
 * @param arguments JSON Schema of a step's {@code with}; a step may only give the arguments under
 *     {@code properties} unless the schema sets {@code additionalProperties} itself
 * @param output JSON Schema of the agent's output, or {@code null} (documentation only)
 * @param timeout default start-to-close timeout of one attempt (a duration), or {@code null}
 * @param retry default retry policy, or {@code null}; a step's own {@code retry} fields win
 * @param heartbeatTimeout heartbeat timeout (a duration), or {@code null} for none
 * @param costBearing whether the agent reports usage, and so passes through the budget guard
 */
public record AgentDeclaration(
    String name,
    String description,
    String taskQueue,
    JsonNode arguments,
    JsonNode output,
    String timeout,
    RetryDefinition retry,
    String heartbeatTimeout,
    boolean costBearing) {

  public AgentDeclaration {
    requireNonNull(name, "name");
  }

  /** Whether the agent runs in its own worker on its own queue rather than in ours. */
  @JsonIgnore
  public boolean external() {
    return taskQueue != null;
  }

  /** The argument contract as the validator's {@link AgentSpec}. */
  public AgentSpec spec() {
    Set<String> required = new LinkedHashSet<>();
    Set<String> optional = new LinkedHashSet<>();
    if (arguments != null) {
      arguments.path("required").forEach(r -> required.add(r.asText()));
      arguments.path("properties").fieldNames().forEachRemaining(optional::add);
    }
    optional.removeAll(required);
    return new AgentSpec(name, required, optional, costBearing, false);
  }

  /** Whether a step may give arguments beyond those the schema lists under {@code properties}. */
  public boolean acceptsOtherArguments() {
    if (arguments == null) {
      return false;
    }
    JsonNode additional = arguments.get("additionalProperties");
    return additional != null && !(additional.isBoolean() && !additional.booleanValue());
  }
}
