package dev.agenthub.run;

import dev.agenthub.cost.Usage;

/**
 * Where the interpreter reports the usage of agents that ran in another worker (another SDK,
 * another process), and how many turns its agent loops took: their activities never run here, so
 * the cost and token counters can only be fed from the workflow. The interpreter calls it only
 * while not replaying, so each call counts once however often a worker rebuilds the run from
 * history. Implementations must not block.
 */
@FunctionalInterface
public interface ReportedUsage {

  /** Reports nothing (tests, replays). */
  ReportedUsage NONE = (pipeline, agent, usage) -> {};

  /** Records {@code usage} of one completed call of external agent {@code agent}. */
  void record(String pipeline, String agent, Usage usage);

  /**
   * Records the model turns an agent loop of step {@code step} took: a histogram, which the
   * workflow's metrics scope cannot report. Ignored by default.
   */
  default void agentLoopEnded(String pipeline, String step, int turns) {}
}
