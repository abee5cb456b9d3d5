package dev.agenthub.bench;

import dev.agenthub.telemetry.Telemetry;
import dev.agenthub.temporal.TemporalConnection;
import dev.agenthub.temporal.TemporalSettings;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The baseline: {@link NoopWorkflow} on its own worker and task queue, started with {@code
 * WorkflowClient.start} and awaited with {@code getResultAsync}, on the same server as the
 * platform. Plain, it runs with the SDK's defaults; observed, its client and worker carry the
 * telemetry the platform's runs carry (Temporal's OpenTracing interceptors and log context, SDK
 * metrics into a Prometheus registry), so that the platform's cost splits into what observing a run
 * costs and what the interpreter costs.
 */
final class HandWrittenRuns implements RunLauncher, AutoCloseable {

  private final String name;
  private final String taskQueue;
  private final WorkflowClient client;
  private final WorkerFactory factory;
  private final AutoCloseable resources;

  private HandWrittenRuns(
      String name,
      String taskQueue,
      WorkflowClient client,
      WorkerInterceptor[] interceptors,
      AutoCloseable resources) {
    this.name = name;
    this.taskQueue = taskQueue;
    this.client = client;
    this.resources = resources;
    this.factory =
        WorkerFactory.newInstance(
            client, WorkerFactoryOptions.newBuilder().setWorkerInterceptors(interceptors).build());
    Worker worker = factory.newWorker(taskQueue);
    worker.registerWorkflowImplementationTypes(NoopWorkflowImpl.class);
    worker.registerActivitiesImplementations(new NoopActivities.Impl());
    factory.start();
  }

  /** The hand-written workflow with the SDK's defaults, through {@code client}. */
  static HandWrittenRuns plain(WorkflowClient client) {
    return new HandWrittenRuns(
        "hand-written SDK workflow",
        "bench-hand-written",
        client,
        new WorkerInterceptor[0],
        () -> {});
  }

  /**
   * The hand-written workflow observed as the platform's runs are, on a connection of its own to
   * {@code target}.
   */
  static HandWrittenRuns observed(String target) {
    Telemetry telemetry = Telemetry.startLocal("bench-hand-written");
    TemporalConnection connection =
        TemporalConnection.open(
            TemporalSettings.defaults().withTarget(target),
            telemetry.temporalMetricsScope(),
            telemetry.clientInterceptors());
    return new HandWrittenRuns(
        "hand-written, observed",
        "bench-hand-written-observed",
        connection.client(),
        telemetry.workerInterceptors().toArray(WorkerInterceptor[]::new),
        () -> {
          connection.close();
          telemetry.close();
        });
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public CompletableFuture<Void> start() {
    NoopWorkflow workflow =
        client.newWorkflowStub(
            NoopWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(taskQueue)
                .setWorkflowId("bench-" + UUID.randomUUID())
                .build());
    WorkflowClient.start(workflow::run, "noop");
    return WorkflowStub.fromTyped(workflow).getResultAsync(String.class).thenApply(ignored -> null);
  }

  @Override
  public void close() throws Exception {
    factory.shutdownNow();
    resources.close();
  }
}
