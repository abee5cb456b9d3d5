package dev.agenthub.api.agents;

import static java.util.Objects.requireNonNull;

import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Asks Temporal whether a worker polls a task queue for activities now: DescribeTaskQueue lists the
 * pollers the server saw in the last minutes.
 */
public final class TemporalTaskQueuePollers implements TaskQueuePollers {

  private final WorkflowServiceStubs stubs;
  private final String namespace;

  public TemporalTaskQueuePollers(WorkflowServiceStubs stubs, String namespace) {
    this.stubs = requireNonNull(stubs, "stubs");
    this.namespace = requireNonNull(namespace, "namespace");
  }

  @Override
  public Optional<Boolean> polled(String queue) {
    try {
      return Optional.of(
          stubs
                  .blockingStub()
                  .withDeadlineAfter(5, TimeUnit.SECONDS)
                  .describeTaskQueue(
                      DescribeTaskQueueRequest.newBuilder()
                          .setNamespace(namespace)
                          .setTaskQueue(TaskQueue.newBuilder().setName(queue).build())
                          .setTaskQueueType(TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY)
                          .build())
                  .getPollersCount()
              > 0);
    } catch (StatusRuntimeException e) {
      return Optional.empty();
    }
  }
}
