package dev.agenthub.run;

import dev.agenthub.agents.AgentDeclaration;
import dev.agenthub.agents.AgentResult;
import dev.agenthub.cost.Usage;

/**
 * What the run takes from a declared agent's reply. An agent in another SDK answers {@code
 * {"output": ..., "usage": {...}}} and may leave out the attempt; the run counts it as at least 1.
 * Usage counts only for a cost-bearing agent (the one kind the budget guard admits), and then as
 * the agent reports it: the cost it states is the cost.
 */
final class DeclaredAgentResults {

  private DeclaredAgentResults() {}

  static AgentResult normalize(AgentResult result, AgentDeclaration agent) {
    Usage reported = result.usage();
    Usage usage =
        !agent.costBearing() || reported == null
            ? Usage.NONE
            : new Usage(
                reported.model(),
                Math.max(0, reported.inputTokens()),
                Math.max(0, reported.outputTokens()),
                Math.max(0, reported.costUsd()),
                true);
    return new AgentResult(
        result.output(), usage, Math.max(1, result.attempt()), result.skippedReason());
  }
}
