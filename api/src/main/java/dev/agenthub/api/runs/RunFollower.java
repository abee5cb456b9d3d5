package dev.agenthub.api.runs;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Follows a run through Temporal's history long poll ({@code GetWorkflowExecutionHistory} with
 * {@code waitNewEvent} and the page token of the last answer): the frontend answers when new events
 * are written, so a follower costs no worker a query and holds no thread while it waits. Each
 * answer is handled on {@code executor}; the next poll is issued from there.
 */
final class RunFollower {

  /** How long one long poll may wait before the stream sends a keep-alive and polls again. */
  static final Duration POLL = Duration.ofSeconds(25);

  private final WorkflowServiceStubs service;
  private final String namespace;
  private final HistoryNarrator narrator;
  private final Executor executor;

  RunFollower(
      WorkflowServiceStubs service, String namespace, HistoryNarrator narrator, Executor executor) {
    this.service = service;
    this.namespace = namespace;
    this.narrator = narrator;
    this.executor = executor;
  }

  /**
   * Sends every event of run {@code workflowId} derived from history events after {@code
   * afterEventId} to {@code sink}, through the run's close.
   *
   * @return completes when the run-closed event was sent or the sink went away; exceptionally when
   *     Temporal fails
   */
  CompletableFuture<Void> follow(String workflowId, long afterEventId, RunEventSink sink) {
    Follow follow = new Follow(workflowId, afterEventId, sink);
    follow.poll(ByteString.EMPTY);
    return follow.done;
  }

  /** One follower's state; touched by one callback at a time. */
  private final class Follow {
    private final String workflowId;
    private final long afterEventId;
    private final RunEventSink sink;
    private final RunEventDeriver deriver = new RunEventDeriver(narrator);
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private long lastDerived;

    Follow(String workflowId, long afterEventId, RunEventSink sink) {
      this.workflowId = workflowId;
      this.afterEventId = afterEventId;
      this.sink = sink;
    }

    void poll(ByteString pageToken) {
      GetWorkflowExecutionHistoryRequest request =
          GetWorkflowExecutionHistoryRequest.newBuilder()
              .setNamespace(namespace)
              .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
              .setWaitNewEvent(true)
              .setNextPageToken(pageToken)
              .build();
      ListenableFuture<GetWorkflowExecutionHistoryResponse> answer =
          service
              .futureStub()
              .withDeadlineAfter(POLL.toMillis(), TimeUnit.MILLISECONDS)
              .getWorkflowExecutionHistory(request);
      answer.addListener(() -> handle(answer, pageToken), executor);
    }

    private void handle(
        ListenableFuture<GetWorkflowExecutionHistoryResponse> answer, ByteString pageToken) {
      GetWorkflowExecutionHistoryResponse response;
      try {
        response = answer.get();
      } catch (ExecutionException e) {
        if (TemporalErrors.grpcCode(e.getCause()).orElse(null) == Status.Code.DEADLINE_EXCEEDED) {
          keepAliveAndPoll(pageToken);
          return;
        }
        done.completeExceptionally(
            e.getCause() instanceof RuntimeException failure
                ? TemporalErrors.translate(failure, workflowId)
                : e.getCause());
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        done.completeExceptionally(e);
        return;
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
        return;
      }
      try {
        if (send(response)) {
          return;
        }
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
        return;
      }
      if (response.getNextPageToken().isEmpty()) {
        // The history ended without a close event this deriver knows: nothing more will come.
        done.complete(null);
      } else if (response.getHistory().getEventsCount() == 0) {
        keepAliveAndPoll(response.getNextPageToken());
      } else {
        poll(response.getNextPageToken());
      }
    }

    /** Sends the events of one answer; true when following is over. */
    private boolean send(GetWorkflowExecutionHistoryResponse response) {
      for (HistoryEvent event : response.getHistory().getEventsList()) {
        if (event.getEventId() <= lastDerived) {
          continue; // a repeated page (after a poll that timed out on the first page)
        }
        lastDerived = event.getEventId();
        for (RunEvent runEvent : deriver.derive(event)) {
          if (runEvent.id() > afterEventId && !sink.send(runEvent)) {
            done.complete(null);
            return true;
          }
          if (runEvent.closesRun()) {
            done.complete(null);
            return true;
          }
        }
      }
      return false;
    }

    private void keepAliveAndPoll(ByteString pageToken) {
      if (sink.keepAlive()) {
        poll(pageToken);
      } else {
        done.complete(null);
      }
    }
  }
}
