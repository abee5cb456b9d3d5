package dev.agenthub.api.runs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One event of a run's history, in words.
 *
 * @param eventId Temporal's event id
 * @param time when it happened
 * @param type Temporal's event type without the {@code EVENT_TYPE_} prefix, e.g. {@code
 *     ACTIVITY_TASK_SCHEDULED}
 * @param step the pipeline step it concerns, when there is one
 * @param agent the agent (activity type), for activity events
 * @param attempt the attempt, for started/failed activity events
 * @param failure the failure message, for failures and timeouts
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryEventView(
    long eventId,
    Instant time,
    String type,
    String step,
    String agent,
    Integer attempt,
    String failure) {}
