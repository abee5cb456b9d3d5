package dev.agenthub.dsl;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of a pipeline's {@code schedules:}: a Temporal Schedule that starts runs of the
 * pipeline. Exactly one of {@code cron} and {@code every} is set in a valid definition.
 *
 * @param id identifier, unique in the pipeline (lowercase letters, digits and -)
 * @param cron a cron expression ("0 7 * * 1-5", "@daily"), or {@code null}
 * @param every an interval as a duration string ("15m"), or {@code null}
 * @param input the input of every run it starts, or {@code null} for an empty object
 * @param overlap what happens when a start comes due while the previous run is still open
 * @param paused whether the schedule is created paused
 */
public record ScheduleDefinition(
    String id, String cron, String every, JsonNode input, ScheduleOverlap overlap, boolean paused) {

  public ScheduleDefinition {
    overlap = overlap == null ? ScheduleOverlap.SKIP : overlap;
  }
}
