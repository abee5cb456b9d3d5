package dev.agenthub.run;

import io.temporal.workflow.Workflow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tool calls of a run's agent loops that wait for an operator's decision, and the decisions
 * taken on them. A decision is addressed by step and call id; it lives in the same map as the
 * approval steps' decisions (keyed {@code step/callId}), taken through the same {@code
 * decideApproval} update.
 */
final class ToolApprovals {

  private final Map<String, ApprovalDecision> taken;
  private final Map<String, String> waiting = new LinkedHashMap<>();

  ToolApprovals(Map<String, ApprovalDecision> taken) {
    this.taken = taken;
  }

  static String key(String stepId, String callId) {
    return stepId + "/" + callId;
  }

  /** Waits for the decision on call {@code callId} of tool {@code tool} in step {@code stepId}. */
  ApprovalDecision await(String stepId, String callId, String tool) {
    String key = key(stepId, callId);
    waiting.put(key, tool);
    try {
      Workflow.await(() -> taken.containsKey(key));
    } finally {
      waiting.remove(key);
    }
    return taken.get(key);
  }

  boolean isWaiting(String stepId, String callId) {
    return waiting.containsKey(key(stepId, callId));
  }

  /** The ids of the calls of step {@code stepId} that wait for a decision, in the order asked. */
  List<String> waitingIn(String stepId) {
    String prefix = stepId + "/";
    return waiting.keySet().stream()
        .filter(k -> k.startsWith(prefix))
        .map(k -> k.substring(prefix.length()))
        .toList();
  }
}
