package dev.agenthub.run;

import io.temporal.failure.ApplicationFailure;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The decisions taken on a run's approval steps, and the rule for a new one: only a step that is an
 * approval waiting for a decision can be decided, and only once. Refusals are {@link
 * DecisionRefusals} of type {@link FailureTypes#STEP_NOT_WAITING} or {@link
 * FailureTypes#DECISION_CONFLICT}, which fail the update, never the run.
 */
final class ApprovalDecisions {

  private final Map<String, ApprovalDecision> taken = new HashMap<>();
  private final ToolApprovals tools = new ToolApprovals(taken);

  /** The decisions taken so far, by step id; {@link StepExecutor} awaits its step's entry. */
  Map<String, ApprovalDecision> taken() {
    return taken;
  }

  /** The tool calls of agent loops that wait for a decision, sharing these decisions. */
  ToolApprovals tools() {
    return tools;
  }

  /**
   * Refuses {@code decision} unless its step, in {@code state}, waits for one and has none yet.
   *
   * @throws ApplicationFailure why the decision cannot be taken
   */
  void check(RunState state, ApprovalDecision decision) {
    if (decision == null || decision.stepId() == null) {
      throw refused(FailureTypes.STEP_NOT_WAITING, "a decision must name its step");
    }
    if (decision.callId() != null) {
      checkToolCall(decision);
      return;
    }
    String id = decision.stepId();
    StepProgress step = state == null ? null : state.step(id);
    if (step == null || !"approval".equals(step.kind())) {
      throw refused(FailureTypes.STEP_NOT_WAITING, "step " + id + " is not an approval step");
    }
    ApprovalDecision earlier = taken.get(id);
    if (earlier != null) {
      throw refused(
          FailureTypes.DECISION_CONFLICT,
          "step "
              + id
              + " was already "
              + (earlier.approved() ? "approved" : "rejected")
              + (earlier.decidedBy() == null ? "" : " by " + earlier.decidedBy()));
    }
    if (step.status() != StepStatus.WAITING_APPROVAL) {
      throw refused(
          FailureTypes.STEP_NOT_WAITING,
          "step "
              + id
              + " is not waiting for approval (it is "
              + step.status().name().toLowerCase(Locale.ROOT)
              + ")");
    }
  }

  private void checkToolCall(ApprovalDecision decision) {
    String key = ToolApprovals.key(decision.stepId(), decision.callId());
    ApprovalDecision earlier = taken.get(key);
    if (earlier != null) {
      throw refused(
          FailureTypes.DECISION_CONFLICT,
          "tool call "
              + key
              + " was already "
              + (earlier.approved() ? "approved" : "rejected")
              + (earlier.decidedBy() == null ? "" : " by " + earlier.decidedBy()));
    }
    if (!tools.isWaiting(decision.stepId(), decision.callId())) {
      throw refused(
          FailureTypes.STEP_NOT_WAITING, "tool call " + key + " is not waiting for approval");
    }
  }

  /**
   * Takes {@code decision} if {@link #check} allows it: the update's handler, which checks again
   * because several updates may pass the validator before the first handler runs.
   */
  ApprovalDecision take(RunState state, ApprovalDecision decision) {
    check(state, decision);
    taken.put(
        decision.callId() == null
            ? decision.stepId()
            : ToolApprovals.key(decision.stepId(), decision.callId()),
        decision);
    return decision;
  }

  /**
   * The {@code decide} signal's older, lenient rule: a decision for an approval step that has not
   * settled is kept unless one was kept before; anything else is ignored.
   */
  boolean takeSignalled(RunState state, ApprovalDecision decision) {
    if (state == null
        || decision == null
        || decision.stepId() == null
        || decision.callId() != null) {
      return false;
    }
    StepProgress step = state.step(decision.stepId());
    if (step == null || !"approval".equals(step.kind()) || step.status().isTerminal()) {
      return false;
    }
    return taken.putIfAbsent(decision.stepId(), decision) == null;
  }

  private static ApplicationFailure refused(String type, String message) {
    return DecisionRefusals.refusal(type, message);
  }
}
