package dev.agenthub.api.runs;

import dev.agenthub.agents.AgentRequest;
import dev.agenthub.run.ApprovalDecision;
import dev.agenthub.run.PipelineWorkflow;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DataConverterException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tells a run's Temporal history in the pipeline's words: which step and agent each activity event
 * concerns, which attempt, which approval a signal decided, and the failure messages.
 */
final class HistoryNarrator {

  private static final String PREFIX = "EVENT_TYPE_";

  private final DataConverter converter;

  HistoryNarrator(DataConverter converter) {
    this.converter = converter;
  }

  /** Every event of {@code history}, oldest first. */
  List<HistoryEventView> narrate(List<HistoryEvent> history) {
    Story story = story();
    List<HistoryEventView> views = new ArrayList<>(history.size());
    for (HistoryEvent event : history) {
      views.add(story.tell(event));
    }
    return views;
  }

  /** A narration that is told one event at a time, oldest first (for following a run live). */
  Story story() {
    return new Story();
  }

  /** Remembers what earlier events said (which step an activity or timer is for). */
  final class Story {
    private final Map<Long, Activity> activities = new HashMap<>();
    private final Map<Long, String> timers = new HashMap<>();

    private Story() {}

    /** {@code event} in words; events must come in history order. */
    HistoryEventView tell(HistoryEvent event) {
      Narration n = narrate(event, activities, timers);
      return new HistoryEventView(
          event.getEventId(),
          Instant.ofEpochSecond(event.getEventTime().getSeconds(), event.getEventTime().getNanos()),
          event.getEventType().name().replaceFirst("^" + PREFIX, ""),
          n.step,
          n.agent,
          n.attempt,
          n.failure);
    }
  }

  private Narration narrate(
      HistoryEvent event, Map<Long, Activity> activities, Map<Long, String> timers) {
    return switch (event.getEventType()) {
      case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
        var attributes = event.getActivityTaskScheduledEventAttributes();
        String step =
            decode(attributes.getInput(), AgentRequest.class)
                .map(AgentRequest::stepId)
                .orElse(null);
        Activity activity = new Activity(step, attributes.getActivityType().getName());
        activities.put(event.getEventId(), activity);
        yield activity.narration(null, null);
      }
      case EVENT_TYPE_ACTIVITY_TASK_STARTED -> {
        var attributes = event.getActivityTaskStartedEventAttributes();
        Activity activity = activity(activities, attributes.getScheduledEventId());
        activity.attempt = attributes.getAttempt();
        yield activity.narration(activity.attempt, null);
      }
      case EVENT_TYPE_ACTIVITY_TASK_COMPLETED ->
          activity(
                  activities, event.getActivityTaskCompletedEventAttributes().getScheduledEventId())
              .narration(null, null);
      case EVENT_TYPE_ACTIVITY_TASK_FAILED -> {
        var attributes = event.getActivityTaskFailedEventAttributes();
        Activity activity = activity(activities, attributes.getScheduledEventId());
        yield activity.narration(activity.attempt, message(attributes.getFailure()));
      }
      case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> {
        var attributes = event.getActivityTaskTimedOutEventAttributes();
        Activity activity = activity(activities, attributes.getScheduledEventId());
        yield activity.narration(activity.attempt, message(attributes.getFailure()));
      }
      case EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED ->
          activity(
                  activities,
                  event.getActivityTaskCancelRequestedEventAttributes().getScheduledEventId())
              .narration(null, null);
      case EVENT_TYPE_ACTIVITY_TASK_CANCELED ->
          activity(activities, event.getActivityTaskCanceledEventAttributes().getScheduledEventId())
              .narration(null, null);
      case EVENT_TYPE_TIMER_STARTED -> {
        String step =
            event.getUserMetadata().hasSummary()
                ? decodeOne(event.getUserMetadata().getSummary(), String.class).orElse(null)
                : null;
        timers.put(event.getEventId(), step);
        yield new Narration(step, null, null, null);
      }
      case EVENT_TYPE_TIMER_FIRED ->
          new Narration(
              timers.get(event.getTimerFiredEventAttributes().getStartedEventId()),
              null,
              null,
              null);
      case EVENT_TYPE_TIMER_CANCELED ->
          new Narration(
              timers.get(event.getTimerCanceledEventAttributes().getStartedEventId()),
              null,
              null,
              null);
      case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED -> {
        var attributes = event.getWorkflowExecutionSignaledEventAttributes();
        String step =
            "decide".equals(attributes.getSignalName())
                ? decode(attributes.getInput(), ApprovalDecision.class)
                    .map(ApprovalDecision::stepId)
                    .orElse(null)
                : null;
        yield new Narration(step, null, null, null);
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED -> {
        var request =
            event.getWorkflowExecutionUpdateAcceptedEventAttributes().getAcceptedRequest();
        String step =
            PipelineWorkflow.DECIDE_APPROVAL.equals(request.getInput().getName())
                ? decode(request.getInput().getArgs(), ApprovalDecision.class)
                    .map(ApprovalDecision::stepId)
                    .orElse(null)
                : null;
        yield new Narration(step, null, null, null);
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_FAILED ->
          failure(message(event.getWorkflowExecutionFailedEventAttributes().getFailure()));
      case EVENT_TYPE_WORKFLOW_TASK_FAILED ->
          failure(message(event.getWorkflowTaskFailedEventAttributes().getFailure()));
      case EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED ->
          failure(event.getWorkflowExecutionTerminatedEventAttributes().getReason());
      case EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT -> failure("run timed out");
      default -> Narration.NONE;
    };
  }

  private static Activity activity(Map<Long, Activity> activities, long scheduledEventId) {
    return activities.computeIfAbsent(scheduledEventId, id -> new Activity(null, null));
  }

  private static Narration failure(String message) {
    return new Narration(null, null, null, message == null || message.isEmpty() ? null : message);
  }

  private static String message(Failure failure) {
    return failure.getMessage().isEmpty() ? null : failure.getMessage();
  }

  /** The first argument in {@code payloads}, or empty when it does not decode. */
  <T> Optional<T> decode(Payloads payloads, Class<T> type) {
    if (payloads.getPayloadsCount() == 0) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(converter.fromPayloads(0, Optional.of(payloads), type, type));
    } catch (DataConverterException e) {
      // Histories outlive code: an event written by another version may not decode. It is still
      // shown, only without its step.
      return Optional.empty();
    }
  }

  private <T> Optional<T> decodeOne(Payload payload, Class<T> type) {
    try {
      return Optional.ofNullable(converter.fromPayload(payload, type, type));
    } catch (DataConverterException e) {
      return Optional.empty();
    }
  }

  /** What the narrator knows about one scheduled activity. */
  private static final class Activity {
    private final String step;
    private final String agent;
    private Integer attempt;

    Activity(String step, String agent) {
      this.step = step;
      this.agent = agent;
    }

    Narration narration(Integer shownAttempt, String failure) {
      return new Narration(step, agent, shownAttempt, failure);
    }
  }

  private record Narration(String step, String agent, Integer attempt, String failure) {
    static final Narration NONE = new Narration(null, null, null, null);
  }
}
