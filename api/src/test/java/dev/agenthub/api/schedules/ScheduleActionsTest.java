package dev.agenthub.api.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.api.runs.RunStarter;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.PipelineLoader;
import dev.agenthub.run.PipelineRunInput;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleState;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ScheduleActionsTest {

  // Stubs connect lazily: building actions makes no call.
  private static final WorkflowServiceStubs STUBS =
      WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:1").build());
  private static final ScheduleActions ACTIONS =
      new ScheduleActions(new RunStarter(WorkflowClient.newInstance(STUBS), "pipelines"), true);

  private static final String TICK =
      """
      name: tick
      input:
        type: object
        properties:
          topic: {type: string}
          loud: {type: boolean, default: false}
      timeout: 10m
      steps: [{id: a, agent: transform, with: {expression: 'input.topic'}}]
      schedules:
        - {id: hourly, every: 1h, input: {topic: t}, overlap: buffer_all}
        - {id: nightly, cron: '@daily', paused: true}
      """;

  private static final PipelineDefinition PIPELINE =
      PipelineLoader.parse(TICK, "tick.yml", AgentCatalog.builtIn());

  @AfterAll
  static void close() {
    STUBS.shutdownNow();
  }

  private static OwnedSchedule owned(int index) {
    return new OwnedSchedule(PIPELINE, PIPELINE.schedules().get(index));
  }

  @Test
  void schedule_startsThePipelineAsTheApiDoes() {
    Schedule schedule = ACTIONS.schedule(owned(0));

    ScheduleActionStartWorkflow action = (ScheduleActionStartWorkflow) schedule.getAction();
    assertThat(action.getWorkflowType()).isEqualTo("PipelineWorkflow");
    assertThat(action.getOptions().getWorkflowId()).isEqualTo("tick-scheduled-hourly");
    assertThat(action.getOptions().getTaskQueue()).isEqualTo("pipelines");
    assertThat(action.getOptions().getMemo())
        .containsEntry(RunStarter.MEMO_PIPELINE, "tick")
        .containsEntry(RunStarter.MEMO_VERSION, "1")
        .containsEntry(OwnedSchedule.RUN_MEMO_SCHEDULE, "agenthub.tick.hourly");
    assertThat(action.getOptions().getTypedSearchAttributes().get(RunStarter.PIPELINE_ATTRIBUTE))
        .isEqualTo("tick");
    assertThat(action.getOptions().getWorkflowExecutionTimeout())
        .isEqualTo(java.time.Duration.ofMinutes(11));
    PipelineRunInput input = action.getArguments().get(0, PipelineRunInput.class);
    assertThat(input.pipeline()).isEqualTo(PIPELINE);
    assertThat(input.input().path("topic").asText()).isEqualTo("t");
    assertThat(input.input().path("loud").isBoolean()).as("schema defaults applied").isTrue();
    assertThat(schedule.getPolicy().getOverlap())
        .isEqualTo(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_BUFFER_ALL);
    assertThat(schedule.getSpec().getIntervals()).hasSize(1);
    assertThat(schedule.getState().isPaused()).isFalse();
  }

  @Test
  void schedule_pausedInTheDefinition_isCreatedPausedWithANote() {
    Schedule schedule = ACTIONS.schedule(owned(1));

    assertThat(schedule.getSpec().getCronExpressions()).containsExactly("@daily");
    assertThat(schedule.getState().isPaused()).isTrue();
    assertThat(schedule.getState().getNote()).isEqualTo(ScheduleActions.PAUSED_BY_DEFINITION);
  }

  @Test
  void updated_keepsAnOperatorsPause() {
    ScheduleState operator =
        ScheduleState.newBuilder()
            .setPaused(true)
            .setNote("paused through the API by olga")
            .build();

    ScheduleState state = ACTIONS.updated(owned(0), operator).getState();

    assertThat(state.isPaused()).isTrue();
    assertThat(state.getNote()).isEqualTo("paused through the API by olga");
  }

  @Test
  void updated_unpausesWhatTheDefinitionHadPaused_onceItNoLongerSaysSo() {
    ScheduleState byDefinition =
        ScheduleState.newBuilder()
            .setPaused(true)
            .setNote(ScheduleActions.PAUSED_BY_DEFINITION)
            .build();

    assertThat(ACTIONS.updated(owned(0), byDefinition).getState().isPaused()).isFalse();
    assertThat(
            ACTIONS
                .updated(owned(1), ScheduleState.newBuilder().setPaused(false).build())
                .getState()
                .isPaused())
        .as("a definition saying paused: true pauses")
        .isTrue();
  }
}
