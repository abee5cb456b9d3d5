package dev.agenthub.cluster;

import dev.agenthub.agents.AgentActivities;
import dev.agenthub.agents.AgentMetrics;
import dev.agenthub.agents.AgentsConfiguration;
import dev.agenthub.agents.BuiltInAgents;
import dev.agenthub.cost.PriceTable;
import dev.agenthub.devkit.TemporalCliServer;
import dev.agenthub.run.PipelineWorkflow;
import dev.agenthub.worker.PipelineWorker;
import dev.agenthub.worker.WorkerSettings;
import io.opentelemetry.api.OpenTelemetry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.util.List;

/**
 * A fresh CLI dev server and a pipeline worker polling one task queue: the set-up of the
 * real-server tests that run pipelines through the SDK, without the API. Closing it stops the
 * worker, the connection and the server.
 */
final class CliServerWorker implements AutoCloseable {

  private final String queue;
  private final TemporalCliServer temporal;
  private WorkflowServiceStubs service;
  private WorkflowClient client;
  private PipelineWorker worker;

  private CliServerWorker(String queue, TemporalCliServer temporal) {
    this.queue = queue;
    this.temporal = temporal;
  }

  /**
   * Starts a server whose state lives under {@code target/temporal-cli/<name>}, and a worker of the
   * built-in agents on queue {@code name}.
   */
  static CliServerWorker start(String name) throws IOException {
    AgentsConfiguration agents = new AgentsConfiguration().forDevelopment();
    return start(
        name,
        new AgentActivities(
            BuiltInAgents.create(agents, PriceTable.loadDefault()),
            AgentMetrics.none(),
            OpenTelemetry.noop(),
            agents.getMaxOutputBytes()));
  }

  /** As {@link #start(String)}, with a worker running {@code agents}. */
  static CliServerWorker start(String name, AgentActivities agents) throws IOException {
    CliServerWorker started = new CliServerWorker(name, TemporalCli.server(name));
    try {
      started.temporal.start();
      started.service =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder()
                  .setTarget("127.0.0.1:" + started.temporal.port())
                  .build());
      started.client = WorkflowClient.newInstance(started.service);
      started.worker =
          PipelineWorker.start(started.client, name, WorkerSettings.defaults(), agents, List.of());
      return started;
    } catch (IOException | RuntimeException e) {
      started.close();
      throw e;
    }
  }

  WorkflowServiceStubs service() {
    return service;
  }

  WorkflowClient client() {
    return client;
  }

  /** A stub for a new run with id {@code workflowId} on this worker's queue. */
  PipelineWorkflow newRun(String workflowId) {
    return client.newWorkflowStub(
        PipelineWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(queue).setWorkflowId(workflowId).build());
  }

  @Override
  public void close() {
    if (worker != null) {
      worker.close();
    }
    if (service != null) {
      service.shutdownNow();
    }
    temporal.close();
  }
}
