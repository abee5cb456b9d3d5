package dev.agenthub.api.schedules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agenthub.api.runs.RunStarter;
import dev.agenthub.dsl.Durations;
import dev.agenthub.dsl.InputValidator;
import dev.agenthub.dsl.ScheduleDefinition;
import dev.agenthub.dsl.ScheduleOverlap;
import dev.agenthub.run.PipelineRunInput;
import dev.agenthub.run.PipelineWorkflow;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleState;
import java.util.List;
import java.util.Map;

/**
 * Builds the Temporal Schedule of an {@link OwnedSchedule}: its spec (cron or interval), overlap
 * policy, state, and an action that starts the pipeline exactly as the API does ({@link
 * RunStarter}: same workflow type, task queue, memo, search attributes, timeout, and a snapshot of
 * the definition, agents and prices taken now), so that a scheduled run looks like any other.
 */
final class ScheduleActions {

  /** The note of a schedule paused because its definition says {@code paused: true}. */
  static final String PAUSED_BY_DEFINITION = "paused in the pipeline definition";

  private static final WorkflowOptions DEFAULT_OPTIONS = WorkflowOptions.newBuilder().build();

  private final RunStarter starter;
  private final boolean searchable;

  /**
   * @param searchable whether runs carry the {@code AgentHubPipeline} search attribute (when runs
   *     are listed with visibility queries)
   */
  ScheduleActions(RunStarter starter, boolean searchable) {
    this.starter = starter;
    this.searchable = searchable;
  }

  /** The schedule to create; paused as the definition says. */
  Schedule schedule(OwnedSchedule owned) {
    return schedule(
        owned, owned.schedule().paused(), owned.schedule().paused() ? PAUSED_BY_DEFINITION : null);
  }

  /**
   * The schedule to update an existing one to. Its pause is kept unless the definition decides: a
   * definition saying {@code paused: true} pauses it; one saying {@code false} unpauses it only if
   * the definition had paused it, never if an operator had.
   */
  Schedule updated(OwnedSchedule owned, ScheduleState current) {
    if (owned.schedule().paused()) {
      return schedule(owned, true, PAUSED_BY_DEFINITION);
    }
    boolean pausedByDefinition =
        current.isPaused() && PAUSED_BY_DEFINITION.equals(current.getNote());
    return pausedByDefinition
        ? schedule(owned, false, null)
        : schedule(owned, current.isPaused(), current.getNote());
  }

  private Schedule schedule(OwnedSchedule owned, boolean paused, String note) {
    ScheduleDefinition definition = owned.schedule();
    ScheduleState.Builder state = ScheduleState.newBuilder().setPaused(paused);
    if (note != null) {
      state.setNote(note);
    }
    return Schedule.newBuilder()
        .setAction(action(owned))
        .setSpec(spec(definition))
        .setPolicy(SchedulePolicy.newBuilder().setOverlap(overlap(definition.overlap())).build())
        .setState(state.build())
        .build();
  }

  private ScheduleActionStartWorkflow action(OwnedSchedule owned) {
    PipelineRunInput input =
        starter.prepared(
            new PipelineRunInput(owned.pipeline(), input(owned), Map.of(), null, null));
    return ScheduleActionStartWorkflow.newBuilder()
        .setWorkflowType(PipelineWorkflow.class)
        .setOptions(
            // A schedule names each run itself (prefix and start time) and allows no id policy.
            // The SDK cannot describe a schedule whose action has a summary but no details.
            WorkflowOptions.newBuilder(
                    starter.options(
                        owned.workflowIdPrefix(),
                        input,
                        Map.of(OwnedSchedule.RUN_MEMO_SCHEDULE, owned.scheduleId()),
                        searchable))
                .setWorkflowIdReusePolicy(DEFAULT_OPTIONS.getWorkflowIdReusePolicy())
                .setStaticDetails("started by schedule " + owned.scheduleId())
                .build())
        .setArguments(input)
        .build();
  }

  /** The schedule's input with the pipeline schema's defaults, as an API start would store it. */
  private static JsonNode input(OwnedSchedule owned) {
    JsonNode given =
        owned.schedule().input() == null
            ? JsonNodeFactory.instance.objectNode()
            : owned.schedule().input();
    return InputValidator.forSchema(owned.pipeline().input()).withDefaults(given);
  }

  private static ScheduleSpec spec(ScheduleDefinition definition) {
    ScheduleSpec.Builder spec = ScheduleSpec.newBuilder();
    if (definition.cron() != null) {
      spec.setCronExpressions(List.of(definition.cron()));
    } else {
      spec.setIntervals(List.of(new ScheduleIntervalSpec(Durations.parse(definition.every()))));
    }
    return spec.build();
  }

  static ScheduleOverlapPolicy overlap(ScheduleOverlap overlap) {
    return switch (overlap) {
      case SKIP -> ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP;
      case BUFFER_ONE -> ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_BUFFER_ONE;
      case BUFFER_ALL -> ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_BUFFER_ALL;
      case CANCEL_OTHER -> ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_CANCEL_OTHER;
      case TERMINATE_OTHER -> ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_TERMINATE_OTHER;
      case ALLOW_ALL -> ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL;
    };
  }
}
