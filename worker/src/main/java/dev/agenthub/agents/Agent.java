package dev.agenthub.agents;

/**
 * An agent: a named unit of work a pipeline step runs as a Temporal activity. This is also the
 * extension point for agents of your own, in Java, in the worker process: implement it in a jar,
 * list the class in {@code META-INF/services/dev.agenthub.agents.Agent}, declare the agent in an
 * agents file ({@code agents/<name>.yml}, without a {@code taskQueue}) and put the jar in the
 * worker's agent path ({@code agents/lib/}, see README "Your own agents"). The worker finds it
 * through {@link java.util.ServiceLoader}; it needs a public no-argument constructor.
 *
 * <p>Implementations receive everything they need in the {@link AgentCall} (arguments, step,
 * attempt, run id, heartbeats, OpenTelemetry) and do not touch Temporal statics, so they can be
 * tested without Temporal. They must be thread-safe: one instance serves every call.
 */
public interface Agent {

  /** The agent's name: what pipelines write after {@code agent:}, and the activity type. */
  String name();

  /**
   * Runs one call.
   *
   * @throws AgentException for failures with a known type and retry decision
   * @throws java.io.IOException for transport failures, which are retried
   * @throws Exception anything else, retried with the exception's class name as failure type
   */
  AgentResult run(AgentCall call) throws Exception;
}
