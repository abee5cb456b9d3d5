package dev.agenthub.devkit;

import static java.util.Objects.requireNonNull;

import dev.agenthub.telemetry.Telemetry;
import dev.agenthub.temporal.TemporalConnection;
import dev.agenthub.worker.PipelineWorker;
import io.dropwizard.lifecycle.Managed;

/**
 * A worker inside the {@code dev} or {@code run} process, on that process's Temporal connection.
 * Start it after the Temporal server, stop it before the connection closes.
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
              config.getAgents(),
              config.priceTable(),
              telemetry);
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
}
