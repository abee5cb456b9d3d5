package dev.agenthub.bench;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The baseline: {@link NoopWorkflow} on its own worker and task queue (SDK defaults), started with
 * {@code WorkflowClient.start} and awaited with {@code getResultAsync}, on the same server as the
 * platform.
 */
final class HandWrittenRuns implements RunLauncher, AutoCloseable {

  static final String TASK_QUEUE = "bench-hand-written";

  private final WorkflowClient client;
  private final WorkerFactory factory;

  HandWrittenRuns(WorkflowClient client) {
    this.client = client;
    this.factory = WorkerFactory.newInstance(client);
    Worker worker = factory.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(NoopWorkflowImpl.class);
    worker.registerActivitiesImplementations(new NoopActivities.Impl());
    factory.start();
  }

  @Override
  public String name() {
    return "hand-written SDK workflow";
  }

  @Override
  public CompletableFuture<Void> start() {
    NoopWorkflow workflow =
        client.newWorkflowStub(
            NoopWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TASK_QUEUE)
                .setWorkflowId("bench-" + UUID.randomUUID())
                .build());
    WorkflowClient.start(workflow::run, "noop");
    return WorkflowStub.fromTyped(workflow).getResultAsync(String.class).thenApply(ignored -> null);
  }

  @Override
  public void close() {
    factory.shutdownNow();
  }
}
