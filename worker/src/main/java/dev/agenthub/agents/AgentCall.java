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
 * @param control the attempt's deadline and cancellation; outbound HTTP goes through it
 * @param openTelemetry the worker's OpenTelemetry, for spans of the agent's own (the current span
 *     is the attempt's {@code RunActivity:<agent>} span, in the run's trace)
 */
public record AgentCall(
    AgentRequest request,
    int attempt,
    String workflowId,
    String activityId,
    Heartbeat heartbeat,
    AttemptControl control,
    OpenTelemetry openTelemetry) {

  public AgentCall {
    requireNonNull(request, "request");
    requireNonNull(heartbeat, "heartbeat");
    requireNonNull(control, "control");
    requireNonNull(openTelemetry, "openTelemetry");
  }

  /**
   * A call outside Temporal (tests, tools): attempt 1, a heartbeat that does nothing, no deadline
   * and no telemetry.
   */
  public static AgentCall of(AgentRequest request) {
    return new AgentCall(
        request,
        1,
        "local",
        "local",
        details -> {},
        AttemptControl.unbounded(),
        OpenTelemetry.noop());
  }

  /** This call with {@code control} bounding its attempt. */
  public AgentCall withControl(AttemptControl control) {
    return new AgentCall(
        request, attempt, workflowId, activityId, heartbeat, control, openTelemetry);
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
