package dev.agenthub.agents;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.opentelemetry.api.OpenTelemetry;

/**
 * One invocation of an agent.
 *
 * @param request the step's request
 * @param attempt the Temporal attempt number (1-based)
 * @param workflowId the run's workflow id
 * @param activityId the activity id of this step
 * @param heartbeat records liveness for long calls; may throw if the activity was cancelled
 * @param openTelemetry the worker's OpenTelemetry, for spans of the agent's own (the current span
 *     is the attempt's {@code RunActivity:<agent>} span, in the run's trace)
 */
public record AgentCall(
    AgentRequest request,
    int attempt,
    String workflowId,
    String activityId,
    Heartbeat heartbeat,
    OpenTelemetry openTelemetry) {

  public AgentCall {
    requireNonNull(request, "request");
    requireNonNull(heartbeat, "heartbeat");
    requireNonNull(openTelemetry, "openTelemetry");
  }

  /** A call without telemetry. */
  public AgentCall(
      AgentRequest request,
      int attempt,
      String workflowId,
      String activityId,
      Heartbeat heartbeat) {
    this(request, attempt, workflowId, activityId, heartbeat, OpenTelemetry.noop());
  }

  /** A call outside Temporal (tests, tools): attempt 1 and a heartbeat that does nothing. */
  public static AgentCall of(AgentRequest request) {
    return new AgentCall(request, 1, "local", "local", details -> {});
  }

  /** The step running this call. */
  public String stepId() {
    return request.stepId();
  }

  /** The step's arguments, never {@code null} (an empty object when the step gave none). */
  public JsonNode arguments() {
    JsonNode arguments = request.arguments();
    return arguments == null || arguments.isNull()
        ? JsonNodeFactory.instance.objectNode()
        : arguments;
  }

  /** Records liveness of a long-running call. */
  @FunctionalInterface
  public interface Heartbeat {

    /** Records liveness with progress {@code details} (may be {@code null}). */
    void beat(Object details);
  }
}
