package dev.agenthub.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One step of a pipeline.
 *
 * @param id identifier, unique in the pipeline, usable in CEL as {@code steps.<id>}
 * @param type what the step does; {@link StepType#AGENT} steps name their {@code agent}
 * @param agent agent name for {@link StepType#AGENT} steps, {@code null} otherwise
 * @param with arguments (templated JSON object); for {@code sleep}: {@code duration}; for {@code
 *     approval}: optional {@code message}
 * @param needs ids of the steps that must finish first (the DAG edges)
 * @param when CEL condition; the step is skipped when it evaluates to false; {@code null} = always
 * @param retry retry policy for agent steps, or {@code null} for the defaults
 * @param timeout per-attempt timeout for agents, wait limit for approvals; {@code null} = default
 * @param onError what a failure of this step does to the run
 * @param forEach runs the step once per element of a list, or {@code null} to run it once
 * @param pipeline name of the pipeline a {@link StepType#PIPELINE} step runs as a child (its {@code
 *     with} is the child's input), {@code null} otherwise
 * @param loop the tool-calling loop of an {@code llm} step with {@code tools}, or {@code null}
 */
public record StepDefinition(
    String id,
    StepType type,
    String agent,
    JsonNode with,
    List<String> needs,
    String when,
    RetryDefinition retry,
    String timeout,
    OnError onError,
    ForEachDefinition forEach,
    String pipeline,
    AgentLoopDefinition loop) {

  public StepDefinition {
    needs = needs == null ? List.of() : List.copyOf(needs);
    onError = onError == null ? OnError.FAIL : onError;
  }

  /** A step that runs once (no {@code forEach}). */
  public StepDefinition(
      String id,
      StepType type,
      String agent,
      JsonNode with,
      List<String> needs,
      String when,
      RetryDefinition retry,
      String timeout,
      OnError onError) {
    this(id, type, agent, with, needs, when, retry, timeout, onError, null, null, null);
  }

  /** A step that is not a {@link StepType#PIPELINE} step. */
  public StepDefinition(
      String id,
      StepType type,
      String agent,
      JsonNode with,
      List<String> needs,
      String when,
      RetryDefinition retry,
      String timeout,
      OnError onError,
      ForEachDefinition forEach) {
    this(id, type, agent, with, needs, when, retry, timeout, onError, forEach, null, null);
  }

  /** A step without a tool-calling loop. */
  public StepDefinition(
      String id,
      StepType type,
      String agent,
      JsonNode with,
      List<String> needs,
      String when,
      RetryDefinition retry,
      String timeout,
      OnError onError,
      ForEachDefinition forEach,
      String pipeline) {
    this(id, type, agent, with, needs, when, retry, timeout, onError, forEach, pipeline, null);
  }

  /**
   * The name shown for this step's kind: the agent name, {@code pipeline:<name>}, or the step type.
   */
  public String kind() {
    if (type == StepType.PIPELINE) {
      return "pipeline:" + pipeline;
    }
    return type == StepType.AGENT ? agent : type.yamlName();
  }
}
