package dev.agenthub.api.schedules;

import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.ScheduleDefinition;

/**
 * A schedule of a pipeline definition and the Temporal Schedule that carries it. Its Temporal id,
 * {@code agenthub.<pipeline>.<schedule>}, cannot collide between pipelines (neither name may hold a
 * dot) and marks it as ours, together with the memo keys {@link #MEMO_PIPELINE} and {@link
 * #MEMO_SCHEDULE}.
 *
 * @param pipeline the definition that declares it
 * @param schedule the declaration
 */
public record OwnedSchedule(PipelineDefinition pipeline, ScheduleDefinition schedule) {

  /** The prefix of every Temporal schedule id the platform owns. */
  public static final String ID_PREFIX = "agenthub.";

  /** Schedule memo: the pipeline's name. */
  public static final String MEMO_PIPELINE = "agenthubPipeline";

  /** Schedule memo: the schedule's id in the definition. */
  public static final String MEMO_SCHEDULE = "agenthubSchedule";

  /** Run memo of a scheduled run: the Temporal id of the schedule that started it. */
  public static final String RUN_MEMO_SCHEDULE = "scheduleId";

  /** The Temporal schedule id. */
  public String scheduleId() {
    return ID_PREFIX + pipeline.name() + "." + schedule.id();
  }

  /**
   * The workflow id prefix of its runs; Temporal appends the nominal start time ({@code
   * -2026-11-30T07:00:00Z}).
   */
  public String workflowIdPrefix() {
    return pipeline.name() + "-scheduled-" + schedule.id();
  }
}
