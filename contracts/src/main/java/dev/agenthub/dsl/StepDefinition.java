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
    AgentLoopDefinition loop) {

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
      OnError onError) {
    this(id, type, agent, with, needs, when, retry, timeout, onError, null);
  }

  public StepDefinition {
    needs = needs == null ? List.of() : List.copyOf(needs);
    onError = onError == null ? OnError.FAIL : onError;
  }

  /** The name shown for this step's kind: the agent name, or the step type. */
  public String kind() {
    return type == StepType.AGENT ? agent : type.yamlName();
  }
}
