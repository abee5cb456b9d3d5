package dev.agenthub.api.runs;

import dev.agenthub.agents.AgentResult;
import dev.agenthub.dsl.OnError;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.StepDefinition;
import dev.agenthub.dsl.StepType;
import dev.agenthub.run.ApprovalDecision;
import dev.agenthub.run.PipelineRunInput;
import dev.agenthub.run.PipelineRunResult;
import dev.agenthub.run.PipelineWorkflow;
import dev.agenthub.run.StepProgress;
import dev.agenthub.run.StepStatus;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a run's history, one event at a time and oldest first, into {@link RunEvent}s. It reads
 * only the history: step names from the activities' inputs and the timers' summaries (through the
 * {@link HistoryNarrator}), usage and skips from the activities' results, decisions from the {@code
 * decide} signals, and the definition snapshot from the run's input.
 *
 * <p>An approval step leaves no event when it starts waiting; it is announced as waiting on the
 * first workflow task after its {@code needs} settled, which is when the workflow starts the wait.
 * Approval steps with a {@code when} are not announced (the condition could have skipped them), and
 * steps skipped by their {@code when} are told only when the run succeeds, from its result.
 */
final class RunEventDeriver {

  private final HistoryNarrator narrator;
  private final HistoryNarrator.Story story;
  private final Set<String> settled = new HashSet<>();
  private final Set<String> announced = new HashSet<>();
  private PipelineDefinition pipeline;
  private boolean stopped;

  RunEventDeriver(HistoryNarrator narrator) {
    this.narrator = narrator;
    this.story = narrator.story();
  }

  /** The run events {@code event} stands for (often none). */
  List<RunEvent> derive(HistoryEvent event) {
    HistoryEventView view = story.tell(event);
    List<RunEvent> events = new ArrayList<>(1);
    switch (event.getEventType()) {
      case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> {
        narrator
            .decode(
                event.getWorkflowExecutionStartedEventAttributes().getInput(),
                PipelineRunInput.class)
            .ifPresent(
                input -> {
                  pipeline = input.pipeline();
                  settled.addAll(input.reusedSteps().keySet());
                  announced.addAll(input.reusedSteps().keySet());
                });
        events.add(run(view, RunEvent.RUN_STARTED, null, RunStatuses.RUNNING));
      }
      case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, EVENT_TYPE_TIMER_STARTED -> {
        if (view.step() != null) {
          announced.add(view.step());
          events.add(step(view, RunEvent.STEP_STARTED, null, null));
        }
      }
      case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> {
        AgentResult result =
            narrator
                .decode(
                    event.getActivityTaskCompletedEventAttributes().getResult(), AgentResult.class)
                .orElse(null);
        if (result != null && result.skippedReason() != null) {
          events.add(settle(view, RunEvent.STEP_SKIPPED, result.attempt(), result.skippedReason()));
        } else {
          RunEvent succeeded =
              settle(view, RunEvent.STEP_SUCCEEDED, result == null ? null : result.attempt(), null);
          events.add(
              result == null
                  ? succeeded
                  : new RunEvent(
                      succeeded.id(),
                      succeeded.type(),
                      succeeded.at(),
                      succeeded.step(),
                      succeeded.agent(),
                      succeeded.attempt(),
                      null,
                      result.usage(),
                      null,
                      null));
        }
      }
      case EVENT_TYPE_ACTIVITY_TASK_FAILED, EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT ->
          events.add(fail(view, view.attempt(), view.failure()));
      case EVENT_TYPE_ACTIVITY_TASK_CANCELED, EVENT_TYPE_TIMER_CANCELED -> {
        if (view.step() != null) {
          events.add(settle(view, RunEvent.STEP_CANCELLED, null, null));
        }
      }
      case EVENT_TYPE_TIMER_FIRED -> {
        if (view.step() != null) {
          events.add(settle(view, RunEvent.STEP_SUCCEEDED, null, null));
        }
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED -> {
        var attributes = event.getWorkflowExecutionSignaledEventAttributes();
        if ("decide".equals(attributes.getSignalName())) {
          decided(view, narrator.decode(attributes.getInput(), ApprovalDecision.class), events);
        }
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED -> {
        // The update's validator refuses decisions the run cannot take before they are written.
        var input =
            event
                .getWorkflowExecutionUpdateAcceptedEventAttributes()
                .getAcceptedRequest()
                .getInput();
        if (PipelineWorkflow.DECIDE_APPROVAL.equals(input.getName())) {
          decided(view, narrator.decode(input.getArgs(), ApprovalDecision.class), events);
        }
      }
      case EVENT_TYPE_WORKFLOW_TASK_COMPLETED -> events.addAll(waitingApprovals(view));
      case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED -> {
        PipelineRunResult result =
            narrator
                .decode(
                    event.getWorkflowExecutionCompletedEventAttributes().getResult(),
                    PipelineRunResult.class)
                .orElse(null);
        if (result != null) {
          for (StepProgress step : result.steps()) {
            if (step.status() == StepStatus.SKIPPED && !settled.contains(step.id())) {
              settled.add(step.id());
              events.add(
                  new RunEvent(
                      view.eventId(),
                      RunEvent.STEP_SKIPPED,
                      view.time(),
                      step.id(),
                      null,
                      null,
                      step.error() == null ? null : step.error().message(),
                      null,
                      null,
                      null));
            }
          }
        }
        events.add(
            new RunEvent(
                view.eventId(),
                RunEvent.RUN_CLOSED,
                view.time(),
                null,
                null,
                null,
                null,
                null,
                RunStatuses.SUCCEEDED,
                result == null ? null : result.usage()));
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_FAILED -> {
        var failure = event.getWorkflowExecutionFailedEventAttributes().getFailure();
        String status =
            RunStatuses.of(
                WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED,
                failure.getApplicationFailureInfo().getType());
        events.add(run(view, RunEvent.RUN_CLOSED, view.failure(), status));
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED ->
          events.add(run(view, RunEvent.RUN_CLOSED, null, RunStatuses.CANCELLED));
      case EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED ->
          events.add(run(view, RunEvent.RUN_CLOSED, view.failure(), RunStatuses.TERMINATED));
      case EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT ->
          events.add(run(view, RunEvent.RUN_CLOSED, view.failure(), RunStatuses.TIMED_OUT));
      case EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW ->
          events.add(run(view, RunEvent.RUN_CLOSED, null, RunStatuses.CONTINUED_AS_NEW));
      default -> {
        // Other events (workflow tasks scheduled or started, markers, queries) change no step.
      }
    }
    return events;
  }

  /** A decision on an announced approval step settles it. */
  private void decided(
      HistoryEventView view, Optional<ApprovalDecision> decision, List<RunEvent> events) {
    decision
        .filter(d -> announced.contains(d.stepId()) && !settled.contains(d.stepId()))
        .ifPresent(
            d -> {
              HistoryEventView about =
                  new HistoryEventView(
                      view.eventId(), view.time(), view.type(), d.stepId(), null, null, null);
              events.add(
                  d.approved()
                      ? settle(about, RunEvent.STEP_SUCCEEDED, null, null)
                      : fail(about, null, rejection(d)));
            });
  }

  /** Approval steps (without {@code when}) whose needs have all settled, not yet announced. */
  private List<RunEvent> waitingApprovals(HistoryEventView view) {
    if (pipeline == null || stopped) {
      return List.of();
    }
    List<RunEvent> events = new ArrayList<>();
    for (StepDefinition step : pipeline.steps()) {
      if (step.type() == StepType.APPROVAL
          && step.when() == null
          && !announced.contains(step.id())
          && settled.containsAll(step.needs())) {
        announced.add(step.id());
        events.add(
            new RunEvent(
                view.eventId(),
                RunEvent.APPROVAL_WAITING,
                view.time(),
                step.id(),
                null,
                null,
                null,
                null,
                null,
                null));
      }
    }
    return events;
  }

  private RunEvent settle(HistoryEventView view, String type, Integer attempt, String reason) {
    settled.add(view.step());
    return step(view, type, attempt, reason);
  }

  private RunEvent fail(HistoryEventView view, Integer attempt, String reason) {
    RunEvent failed = settle(view, RunEvent.STEP_FAILED, attempt, reason);
    if (pipeline != null
        && pipeline.step(view.step()).map(s -> s.onError() == OnError.FAIL).orElse(true)) {
      stopped = true;
    }
    return failed;
  }

  private static RunEvent step(HistoryEventView view, String type, Integer attempt, String reason) {
    return new RunEvent(
        view.eventId(),
        type,
        view.time(),
        view.step(),
        view.agent(),
        attempt,
        reason,
        null,
        null,
        null);
  }

  private static RunEvent run(HistoryEventView view, String type, String reason, String status) {
    return new RunEvent(
        view.eventId(), type, view.time(), null, null, null, reason, null, status, null);
  }

  private static String rejection(ApprovalDecision decision) {
    String by = decision.decidedBy() == null ? "" : " by " + decision.decidedBy();
    String comment = decision.comment() == null ? "" : ": " + decision.comment();
    return "rejected" + by + comment;
  }
}
