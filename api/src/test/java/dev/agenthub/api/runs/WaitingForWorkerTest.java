package dev.agenthub.api.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.agents.AgentDeclaration;
import dev.agenthub.run.StepProgress;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaitingForWorkerTest {

  private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

  private static PendingActivityInfo pending(String agent, PendingActivityState state) {
    return PendingActivityInfo.newBuilder()
        .setActivityType(ActivityType.newBuilder().setName(agent))
        .setState(state)
        .build();
  }

  private static WaitingForWorker waiting() throws Exception {
    return new WaitingForWorker(
        AgentCatalog.withDeclared(
            List.of(
                new AgentDeclaration(
                    "score-lead",
                    null,
                    "python-agents",
                    new ObjectMapper().readTree("{}"),
                    null,
                    null,
                    null,
                    null,
                    false))),
        "agenthub-pipelines");
  }

  @Test
  void of_scheduledActivityOfARunningStep_namesTheQueueItWaitsOn() throws Exception {
    List<StepView> steps =
        List.of(
            StepView.of(StepProgress.pending("summarize", "llm").running(T0)),
            StepView.of(StepProgress.pending("score", "score-lead").running(T0)));

    List<WaitingStep> result =
        waiting()
            .of(
                List.of(
                    pending("score-lead", PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED),
                    pending("llm", PendingActivityState.PENDING_ACTIVITY_STATE_STARTED)),
                steps);

    assertThat(result)
        .containsExactly(
            new WaitingStep(
                "score",
                "score-lead",
                "python-agents",
                "waiting for a worker on queue python-agents"));
  }

  @Test
  void of_startedActivities_waitForNothing() throws Exception {
    assertThat(
            waiting()
                .of(
                    List.of(pending("llm", PendingActivityState.PENDING_ACTIVITY_STATE_STARTED)),
                    List.of(StepView.of(StepProgress.pending("a", "llm").running(T0)))))
        .isEmpty();
  }
}
