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
    follow.poll(ByteString.EMPTY, false);
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

    /**
     * Asks for the history from {@code pageToken}; with {@code wait}, the server answers when new
     * events are written (or at the deadline).
     */
    void poll(ByteString pageToken, boolean wait) {
      GetWorkflowExecutionHistoryRequest request =
          GetWorkflowExecutionHistoryRequest.newBuilder()
              .setNamespace(namespace)
              .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
              .setWaitNewEvent(wait)
              .setNextPageToken(pageToken)
              .build();
      ListenableFuture<GetWorkflowExecutionHistoryResponse> answer =
          service
              .futureStub()
              .withDeadlineAfter(POLL.toMillis(), TimeUnit.MILLISECONDS)
              .getWorkflowExecutionHistory(request);
      answer.addListener(() -> handle(answer, pageToken, wait), executor);
    }

    private void handle(
        ListenableFuture<GetWorkflowExecutionHistoryResponse> answer,
        ByteString pageToken,
        boolean wait) {
      GetWorkflowExecutionHistoryResponse response;
      try {
        response = answer.get();
      } catch (ExecutionException e) {
        Status.Code code = TemporalErrors.grpcCode(e.getCause()).orElse(null);
        if (wait && pageToken.isEmpty() && code == Status.Code.UNKNOWN) {
          // The test server's wait sometimes fails when an event is written while it begins
          // (IndexOutOfBoundsException in its HistoryStore): read the history again.
          poll(ByteString.EMPTY, false);
          return;
        }
        if (code == Status.Code.DEADLINE_EXCEEDED) {
          // Nothing new before the deadline. Without a page token, read the history again: on the
          // test server a wait only sees events written after it began.
          keepAliveAndPoll(pageToken, !pageToken.isEmpty());
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
      ByteString next = response.getNextPageToken();
      if (!next.isEmpty()) {
        // A Temporal server's page token: the next page, or a long poll from the end.
        poll(next, true);
      } else if (wait) {
        // The test server's waits give new events and no token: read the history again, so that
        // events written between the last read and the wait are not missed (repeats are skipped).
        poll(ByteString.EMPTY, false);
      } else {
        poll(ByteString.EMPTY, true);
      }
    }

    /** Sends the events of one answer; true when following is over. */
    private boolean send(GetWorkflowExecutionHistoryResponse response) {
      for (HistoryEvent event : response.getHistory().getEventsList()) {
        if (event.getEventId() != lastDerived + 1) {
          // A repeat, or (from a test server's wait) an event after one not read yet: the next
          // read of the history brings it in order.
          continue;
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

    private void keepAliveAndPoll(ByteString pageToken, boolean wait) {
      if (sink.keepAlive()) {
        poll(pageToken, wait);
      } else {
        done.complete(null);
      }
    }
  }
}
