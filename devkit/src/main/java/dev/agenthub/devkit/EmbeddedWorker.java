package dev.agenthub.devkit;

import static java.util.Objects.requireNonNull;

import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.dsl.AgentFiles;
import dev.agenthub.telemetry.Telemetry;
import dev.agenthub.temporal.TemporalConnection;
import dev.agenthub.worker.PipelineWorker;
import io.dropwizard.lifecycle.Managed;
import java.nio.file.Path;

/**
 * A worker inside the {@code dev} or {@code run} process, on that process's Temporal connection.
 * Start it after the Temporal server, stop it before the connection closes. Its http agent may
 * reach loopback addresses unless the configuration says otherwise ({@link
 * dev.agenthub.agents.AgentsConfiguration#forDevelopment()}).
 */
final class EmbeddedWorker implements Managed, AutoCloseable {

  private final DevConfiguration config;
  private final TemporalConnection connection;
  private final Telemetry telemetry;
  private PipelineWorker worker;

  EmbeddedWorker(DevConfiguration config, TemporalConnection connection, Telemetry telemetry) {
    this.config = requireNonNull(config, "config");
    this.connection = requireNonNull(connection, "connection");
    this.telemetry = requireNonNull(telemetry, "telemetry");
  }

  @Override
  public synchronized void start() {
    if (worker == null) {
      worker =
          PipelineWorker.start(
              connection.client(),
              config.getTemporal().taskQueue(),
              config.getWorker(),
              // The quick start's pipelines call this process over loopback; the worker's own
              // default refuses loopback. A copy, so the configuration itself is not changed.
              config.getAgents().forDevelopment(),
              config.priceTable(),
              telemetry,
              AgentCatalog.withDeclared(AgentFiles.loadDirectory(Path.of(config.getAgentsDir()))));
    }
  }

  @Override
  public void stop() {
    close();
  }

  /** Stops polling and waits for running tasks. Idempotent. */
  @Override
  public synchronized void close() {
    if (worker != null) {
      worker.close();
      worker = null;
    }
  }

  /**
   * Stops polling and interrupts running tasks without waiting for them ({@link
   * PipelineWorker#closeNow}): for a worker whose Temporal server and process end with it.
   * Idempotent.
   */
  synchronized void closeNow() {
    if (worker != null) {
      worker.closeNow();
      worker = null;
    }
  }
}
