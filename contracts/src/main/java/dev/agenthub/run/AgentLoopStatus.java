package dev.agenthub.run;

import java.util.List;

/**
 * Where a running agent loop is, as the progress query shows it.
 *
 * @param turn the model turn under way (1-based)
 * @param maxTurns the loop's limit
 * @param pendingToolCalls the tool calls of this turn that have not settled
 * @param waitingApprovals the ids of the calls that wait for an operator's decision
 */
public record AgentLoopStatus(
    int turn, int maxTurns, List<PendingCall> pendingToolCalls, List<String> waitingApprovals) {

  public AgentLoopStatus {
    pendingToolCalls = pendingToolCalls == null ? List.of() : List.copyOf(pendingToolCalls);
    waitingApprovals = waitingApprovals == null ? List.of() : List.copyOf(waitingApprovals);
  }

  /**
   * A tool call the loop waits for.
   *
   * @param id the model's call id (address of its approval decision)
   * @param name the tool's name
   */
  public record PendingCall(String id, String name) {}
}
