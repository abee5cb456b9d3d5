package dev.agenthub.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each running agent loop of a run is: its turn and the tool calls it waits for, for the
 * progress query. Workflow-thread only.
 */
final class AgentLoopProgress {

  private final Map<String, Integer> turns = new LinkedHashMap<>();
  private final Map<String, Integer> maxTurns = new LinkedHashMap<>();
  private final Map<String, List<AgentLoopStatus.PendingCall>> pending = new LinkedHashMap<>();
  private final ToolApprovals approvals;

  AgentLoopProgress(ToolApprovals approvals) {
    this.approvals = approvals;
  }

  void turn(String step, int turn, int max) {
    turns.put(step, turn);
    maxTurns.put(step, max);
  }

  /** The calls ({@code {id, name}}) step {@code step} now waits for; null when none. */
  void pending(String step, JsonNode calls) {
    if (calls == null) {
      pending.remove(step);
      return;
    }
    List<AgentLoopStatus.PendingCall> list = new ArrayList<>();
    calls.forEach(
        c ->
            list.add(
                new AgentLoopStatus.PendingCall(c.path("id").asText(), c.path("name").asText())));
    pending.put(step, list);
  }

  void ended(String step) {
    turns.remove(step);
    maxTurns.remove(step);
    pending.remove(step);
  }

  /** The loop of step {@code step} while it runs, else null. */
  AgentLoopStatus of(String step) {
    Integer turn = turns.get(step);
    if (turn == null) {
      return null;
    }
    return new AgentLoopStatus(
        turn, maxTurns.get(step), pending.getOrDefault(step, List.of()), approvals.waitingIn(step));
  }
}
