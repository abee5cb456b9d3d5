package dev.agenthub.agents;

import static java.util.Objects.requireNonNull;

import dev.agenthub.run.FailureTypes;

/**
 * A failure of an agent with a known {@link FailureTypes type} and retry decision. The message ends
 * up in workflow history and the UI, so it must never contain secrets (API keys, webhook URLs,
 * authorization headers).
 */
public final class AgentException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String type;
  private final boolean retryable;

  /** A failure of {@code type}; see the factories for the common ones. */
  public AgentException(String type, String message, boolean retryable) {
    super(requireNonNull(message, "message"));
    this.type = requireNonNull(type, "type");
    this.retryable = retryable;
  }

  /** The remote side rejected the request (HTTP 4xx other than 408/429): not retried. */
  public static AgentException clientError(String message) {
    return new AgentException(FailureTypes.AGENT_CLIENT_ERROR, message, false);
  }

  /** A transient remote failure (5xx, 408, 429, timeout, connection): retried. */
  public static AgentException remoteError(String message) {
    return new AgentException(FailureTypes.AGENT_REMOTE_ERROR, message, true);
  }

  /** Unusable step arguments or missing worker configuration: not retried. */
  public static AgentException configError(String message) {
    return new AgentException(FailureTypes.AGENT_CONFIG_ERROR, message, false);
  }

  /** The worker's egress policy refused the connection: not retried. */
  public static AgentException egressDenied(String message) {
    return new AgentException(FailureTypes.AGENT_EGRESS_DENIED, message, false);
  }

  /**
   * The failure for an HTTP status the agent did not expect: 408, 429 and 5xx are retried, the rest
   * is a client error.
   */
  public static AgentException forStatus(int status, String message) {
    return isRetryableStatus(status) ? remoteError(message) : clientError(message);
  }

  /** Whether a failed call with this HTTP status may succeed when repeated. */
  public static boolean isRetryableStatus(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  /** The failure type, a {@link FailureTypes} constant. */
  public String type() {
    return type;
  }

  /** Whether Temporal may retry the step. */
  public boolean retryable() {
    return retryable;
  }
}
