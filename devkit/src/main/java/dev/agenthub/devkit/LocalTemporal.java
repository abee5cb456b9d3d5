package dev.agenthub.devkit;

import static java.util.Objects.requireNonNull;

import dev.agenthub.telemetry.Telemetry;
import dev.agenthub.temporal.TemporalConnection;
import io.temporal.client.WorkflowClient;

/**
 * Temporal for one process without the API ({@code run}, tests): optionally an embedded server on
 * the configured target's port, a connection, and an in-process worker. Closing it stops them in
 * reverse order: worker, connection, server.
 */
public final class LocalTemporal implements AutoCloseable {

  private final EmbeddedTemporalServer server;
  private final TemporalConnection connection;
  private final EmbeddedWorker worker;

  private LocalTemporal(
      EmbeddedTemporalServer server, TemporalConnection connection, EmbeddedWorker worker) {
    this.server = server;
    this.connection = connection;
    this.worker = worker;
  }

  /**
   * Starts an embedded server first when {@code embeddedServer}, then connects to {@code
   * config.temporal} and starts a worker configured by {@code config}.
   */
  public static LocalTemporal start(
      DevConfiguration config, boolean embeddedServer, Telemetry telemetry) {
    requireNonNull(config, "config");
    requireNonNull(telemetry, "telemetry");
    EmbeddedTemporalServer server =
        embeddedServer
            ? EmbeddedTemporalServer.startOn(DevServer.portOf(config.getTemporal().target()))
            : null;
    TemporalConnection connection =
        TemporalConnection.open(
            config.getTemporal(), telemetry.temporalMetricsScope(), telemetry.clientInterceptors());
    EmbeddedWorker worker = new EmbeddedWorker(config, connection, telemetry);
    worker.start();
    return new LocalTemporal(server, connection, worker);
  }

  public WorkflowClient client() {
    return connection.client();
  }

  public TemporalConnection connection() {
    return connection;
  }

  /**
   * Stops the worker, the connection and the embedded server, if any. An embedded server, and every
   * run in it, ends with this process, so its worker and then the server are stopped at once,
   * without waiting for tasks or calls in flight (the process must exit after that: a timer of the
   * SDK's server may still be pending). A worker on a server that stays may hold tasks of other
   * runs: it finishes them first (up to 10 s).
   */
  @Override
  public void close() {
    if (server == null) {
      worker.close();
      connection.close();
      return;
    }
    worker.closeNow();
    connection.close();
    server.closeNow();
  }
}
