package dev.agenthub.api.core;

import dev.agenthub.shared.telemetry.Telemetry;
import dev.agenthub.shared.temporal.TemporalConnection;
import dev.agenthub.shared.temporal.TemporalSettings;
import dev.agenthub.workers.PipelineWorker;
import dev.agenthub.workers.WorkerSettings;
import dev.agenthub.workers.agents.AgentActivities;
import dev.agenthub.workers.agents.AgentMetrics;
import dev.agenthub.workers.agents.AgentsConfiguration;
import dev.agenthub.workers.agents.BuiltInAgents;
import io.dropwizard.lifecycle.Managed;
import io.temporal.client.WorkflowClient;

/**
 * The Temporal side of a process: a client connection, and optionally a Temporal server it owns
 * (the embedded one, or the CLI dev server) and an in-process worker. Starts them in that order
 * (server, then worker) and stops them in reverse, as the SDK needs. The connection dials lazily,
 * so {@link #client()} is usable before {@link #start()}.
 */
public final class Engine implements Managed, AutoCloseable {

  private final Telemetry telemetry;
  private final TemporalSettings settings;
  private final WorkerSettings workerSettings;
  private final AgentsConfiguration agents;
  private final Managed server;
  private final boolean runWorker;
  private final TemporalConnection connection;
  private PipelineWorker worker;

  public Engine(
      TemporalSettings settings,
      WorkerSettings workerSettings,
      AgentsConfiguration agents,
      Managed server,
      boolean runWorker,
      Telemetry telemetry) {
    this.telemetry = telemetry;
    this.settings = settings;
    this.workerSettings = workerSettings;
    this.agents = agents;
    this.server = server;
    this.runWorker = runWorker;
    this.connection = TemporalConnection.open(settings, telemetry);
  }

  public WorkflowClient client() {
    return connection.client();
  }

  public TemporalConnection connection() {
    return connection;
  }

  public TemporalSettings settings() {
    return settings;
  }

  @Override
  public synchronized void start() throws Exception {
    if (server != null) {
      server.start();
    }
    if (runWorker && worker == null) {
      worker =
          PipelineWorker.start(
              connection.client(),
              settings.taskQueue(),
              workerSettings,
              new AgentActivities(
                  BuiltInAgents.create(agents, telemetry.openTelemetry()),
                  AgentMetrics.of(telemetry.meterRegistry(), agents)),
              telemetry.workerInterceptors());
    }
  }

  @Override
  public void stop() {
    close();
  }

  /** Stops the worker, then the connection, then the server this engine started. Idempotent. */
  @Override
  public synchronized void close() {
    if (worker != null) {
      worker.close();
      worker = null;
    }
    connection.close();
    if (server != null) {
      try {
        server.stop();
      } catch (Exception e) {
        throw new IllegalStateException("stopping the Temporal server failed", e);
      }
    }
  }

  /** The port of a {@code host:port} target. */
  public static int portOf(String target) {
    int colon = target.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("Temporal target must be host:port, got " + target);
    }
    return Integer.parseInt(target.substring(colon + 1));
  }
}
