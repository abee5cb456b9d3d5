package dev.agenthub.api.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.agents.AgentRequest;
import dev.agenthub.agents.AgentResult;
import dev.agenthub.cost.Usage;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.PipelineLoader;
import dev.agenthub.run.ApprovalDecision;
import dev.agenthub.run.PipelineRunInput;
import dev.agenthub.run.PipelineWorkflow;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.ActivityTaskCompletedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskFailedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionFailedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionUpdateAcceptedEventAttributes;
import io.temporal.api.update.v1.Input;
import io.temporal.api.update.v1.Request;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunEventDeriverTest {

  private static final DataConverter CONVERTER = DefaultDataConverter.newDefaultInstance();

  private static final PipelineDefinition PIPELINE =
      PipelineLoader.parse(
          """
          name: gated
          steps:
            - id: draft
              agent: transform
              with: {expression: '{"a": 1}'}
            - id: check
              type: approval
              needs: [draft]
            - id: maybe
              type: approval
              needs: [draft]
              when: 'steps.draft.output.a == 2'
            - id: after
              agent: transform
              needs: [check]
              with: {expression: '{"b": 1}'}
          """,
          "gated.yml",
          AgentCatalog.builtIn());

  private final RunEventDeriver deriver = new RunEventDeriver(new HistoryNarrator(CONVERTER));
  private final List<String> told = new ArrayList<>();

  private void feed(HistoryEvent.Builder event) {
    for (RunEvent e : deriver.derive(event.build())) {
      told.add(e.id() + " " + e.type() + (e.step() == null ? "" : " " + e.step()));
    }
  }

  private static HistoryEvent.Builder event(long id, EventType type) {
    return HistoryEvent.newBuilder().setEventId(id).setEventType(type);
  }

  @Test
  void derive_approvalRejected_announcesOnlyTheUnconditionalApprovalAndStopsAfterItFails() {
    feed(
        event(1, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED)
            .setWorkflowExecutionStartedEventAttributes(
                WorkflowExecutionStartedEventAttributes.newBuilder()
                    .setInput(
                        CONVERTER
                            .toPayloads(
                                PipelineRunInput.of(
                                    PIPELINE, JsonNodeFactory.instance.objectNode()))
                            .orElseThrow())));
    feed(event(4, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED));
    feed(
        event(5, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
            .setActivityTaskScheduledEventAttributes(
                ActivityTaskScheduledEventAttributes.newBuilder()
                    .setActivityType(ActivityType.newBuilder().setName("transform"))
                    .setInput(
                        CONVERTER
                            .toPayloads(new AgentRequest("gated", "draft", null, "k", null))
                            .orElseThrow())));
    feed(
        event(7, EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED)
            .setActivityTaskCompletedEventAttributes(
                ActivityTaskCompletedEventAttributes.newBuilder()
                    .setScheduledEventId(5)
                    .setResult(
                        CONVERTER
                            .toPayloads(
                                AgentResult.of(
                                    JsonNodeFactory.instance.objectNode(),
                                    new Usage(null, 1, 2, 0, true)))
                            .orElseThrow())));
    feed(event(10, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED));
    feed(event(14, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED));
    feed(
        event(15, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
            .setWorkflowExecutionUpdateAcceptedEventAttributes(
                WorkflowExecutionUpdateAcceptedEventAttributes.newBuilder()
                    .setAcceptedRequest(
                        Request.newBuilder()
                            .setInput(
                                Input.newBuilder()
                                    .setName(PipelineWorkflow.DECIDE_APPROVAL)
                                    .setArgs(
                                        CONVERTER
                                            .toPayloads(
                                                new ApprovalDecision("check", false, "no", "olga"))
                                            .orElseThrow())))));
    feed(event(18, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED));
    feed(
        event(19, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED)
            .setWorkflowExecutionFailedEventAttributes(
                WorkflowExecutionFailedEventAttributes.newBuilder()
                    .setFailure(Failure.newBuilder().setMessage("step check failed"))));

    assertThat(told)
        .containsExactly(
            "1 run_started",
            "5 step_started draft",
            "7 step_succeeded draft",
            "10 approval_waiting check",
            "15 step_failed check",
            "19 run_closed");
  }

  @Test
  void derive_failedActivity_namesTheStepAttemptAndFailure() {
    feed(
        event(5, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
            .setActivityTaskScheduledEventAttributes(
                ActivityTaskScheduledEventAttributes.newBuilder()
                    .setActivityType(ActivityType.newBuilder().setName("http"))
                    .setInput(
                        CONVERTER
                            .toPayloads(new AgentRequest("p", "fetch", null, "k", null))
                            .orElseThrow())));
    List<RunEvent> failed =
        deriver.derive(
            event(9, EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED)
                .setActivityTaskFailedEventAttributes(
                    ActivityTaskFailedEventAttributes.newBuilder()
                        .setScheduledEventId(5)
                        .setFailure(Failure.newBuilder().setMessage("HTTP 500")))
                .build());

    assertThat(failed).hasSize(1);
    assertThat(failed.get(0).type()).isEqualTo("step_failed");
    assertThat(failed.get(0).step()).isEqualTo("fetch");
    assertThat(failed.get(0).agent()).isEqualTo("http");
    assertThat(failed.get(0).reason()).isEqualTo("HTTP 500");
  }
}
