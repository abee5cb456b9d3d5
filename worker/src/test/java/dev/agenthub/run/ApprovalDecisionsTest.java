package dev.agenthub.run;

import static dev.agenthub.run.TestPipelines.agent;
import static dev.agenthub.run.TestPipelines.approval;
import static dev.agenthub.run.TestPipelines.json;
import static dev.agenthub.run.TestPipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agenthub.dsl.expr.ExpressionLimits;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rule for a decision, outside a workflow: which decisions the validator and the update's
 * handler refuse (and with which type and words), and the older {@code decide} signal's lenient
 * rule. The end-to-end paths are {@link ApprovalUpdateTest}'s.
 */
class ApprovalDecisionsTest {

  private final ApprovalDecisions decisions = new ApprovalDecisions();
  private RunState state;

  @BeforeEach
  void setUp() {
    state =
        new RunState(
            pipeline(agent("draft", "echo", "{}"), approval("review", "1h", "draft")),
            json("{}"),
            JsonNodeFactory.instance.objectNode(),
            ExpressionLimits.ENFORCED);
  }

  private ApplicationFailure refusalOf(ApprovalDecision decision) {
    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> decisions.check(state, decision));
    assertThat(failure).as("the decision should be refused").isNotNull();
    return failure;
  }

  private static ApprovalDecision approve(String step, String by) {
    return new ApprovalDecision(step, true, "ok", by);
  }

  @Test
  void check_refusesADecisionThatNamesNoStep() {
    assertThat(refusalOf(null).getOriginalMessage())
        .isEqualTo("StepNotWaiting: a decision must name its step");
    assertThat(refusalOf(approve(null, "alice")).getType())
        .isEqualTo(FailureTypes.STEP_NOT_WAITING);
  }

  @Test
  void check_refusesAStepThatIsNotAnApproval_orUnknown() {
    assertThat(refusalOf(approve("draft", "alice")).getOriginalMessage())
        .isEqualTo("StepNotWaiting: step draft is not an approval step");
    assertThat(refusalOf(approve("nope", "alice")).getOriginalMessage())
        .isEqualTo("StepNotWaiting: step nope is not an approval step");
    state = null;
    assertThat(refusalOf(approve("review", "alice")).getType())
        .isEqualTo(FailureTypes.STEP_NOT_WAITING);
  }

  @Test
  void check_refusesAnApprovalNotWaitingYet_namingItsStatus() {
    ApplicationFailure refusal = refusalOf(approve("review", "alice"));

    assertThat(refusal.getType()).isEqualTo(FailureTypes.STEP_NOT_WAITING);
    assertThat(refusal.getOriginalMessage())
        .isEqualTo("StepNotWaiting: step review is not waiting for approval (it is pending)");
  }

  @Test
  void take_keepsTheFirstDecision_andRefusesTheNextAsAConflictNamingWhoDecided() {
    state.waitingApproval("review", Instant.EPOCH);

    ApprovalDecision first = approve("review", "alice");
    assertThat(decisions.take(state, first)).isSameAs(first);

    ApplicationFailure conflict =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> decisions.take(state, new ApprovalDecision("review", false, "no", "bob")));
    assertThat(conflict.getType()).isEqualTo(FailureTypes.DECISION_CONFLICT);
    assertThat(conflict.getOriginalMessage())
        .isEqualTo("DecisionConflict: step review was already approved by alice");
    assertThat(decisions.taken()).containsExactlyEntriesOf(Map.of("review", first));
  }

  @Test
  void check_aConflictWithAnAnonymousRejection_saysRejectedWithoutABy() {
    state.waitingApproval("review", Instant.EPOCH);
    decisions.take(state, new ApprovalDecision("review", false, "no", null));

    assertThat(refusalOf(approve("review", "alice")).getOriginalMessage())
        .isEqualTo("DecisionConflict: step review was already rejected");
  }

  @Test
  void check_refusesAToolCallNobodyWaitsFor() {
    ApplicationFailure refusal =
        refusalOf(new ApprovalDecision("research", true, "go", "alice", "call_1"));

    assertThat(refusal.getType()).isEqualTo(FailureTypes.STEP_NOT_WAITING);
    assertThat(refusal.getOriginalMessage())
        .isEqualTo("StepNotWaiting: tool call research/call_1 is not waiting for approval");
  }

  @Test
  void check_refusesASecondDecisionOnAToolCall_asAConflict() {
    decisions
        .taken()
        .put("research/call_1", new ApprovalDecision("research", false, "no", "bob", "call_1"));

    ApplicationFailure refusal =
        refusalOf(new ApprovalDecision("research", true, "go", "alice", "call_1"));

    assertThat(refusal.getType()).isEqualTo(FailureTypes.DECISION_CONFLICT);
    assertThat(refusal.getOriginalMessage())
        .isEqualTo("DecisionConflict: tool call research/call_1 was already rejected by bob");
  }

  @Test
  void takeSignalled_keepsTheFirstDecisionOnAnUnsettledApproval_andIgnoresTheRest() {
    ApprovalDecision first = approve("review", "alice");

    assertThat(decisions.takeSignalled(state, first)).isTrue();
    assertThat(decisions.takeSignalled(state, approve("review", "bob"))).isFalse();
    assertThat(decisions.taken()).containsEntry("review", first);
  }

  @Test
  void takeSignalled_ignoresWhatTheSignalCannotDecide() {
    assertThat(decisions.takeSignalled(null, approve("review", "alice"))).isFalse();
    assertThat(decisions.takeSignalled(state, null)).isFalse();
    assertThat(decisions.takeSignalled(state, approve(null, "alice"))).isFalse();
    assertThat(
            decisions.takeSignalled(
                state, new ApprovalDecision("review", true, "go", "alice", "call_1")))
        .isFalse();
    assertThat(decisions.takeSignalled(state, approve("draft", "alice"))).isFalse();
    assertThat(decisions.takeSignalled(state, approve("nope", "alice"))).isFalse();
    state.failed("review", Instant.EPOCH, 0, new StepError("ApprovalTimedOut", "late"));
    assertThat(decisions.takeSignalled(state, approve("review", "alice"))).isFalse();
    assertThat(decisions.taken()).isEmpty();
  }
}
