package dev.agenthub.agents;

/**
 * An agent: a named unit of work a pipeline step runs as a Temporal activity. Implementations
 * receive everything they need in the {@link AgentCall} and do not touch Temporal statics, so they
 * can be tested without Temporal. They must be thread-safe: one instance serves every call.
 */
public interface Agent {

  /** The agent's name and argument contract; {@code spec().name()} is the activity type. */
  AgentSpec spec();

  /**
   * Runs one call.
   *
   * @throws AgentException for failures with a known type and retry decision
   * @throws java.io.IOException for transport failures, which are retried
   * @throws Exception anything else, retried with the exception's class name as failure type
   */
  AgentResult run(AgentCall call) throws Exception;
}
