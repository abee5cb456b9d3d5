package dev.agenthub.devkit;

import io.dropwizard.lifecycle.Managed;
import io.temporal.testserver.TestServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Temporal Java SDK's test server on a real gRPC port, in this JVM, in real time (no time
 * skipping). Everything lives in memory and is lost when the process exits. It lacks visibility
 * queries ({@code ListWorkflowExecutions}), reset and schedules.
 */
public final class EmbeddedTemporalServer implements Managed, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporalServer.class);

  private final int port;
  private TestServer.PortBoundTestServer server;

  public EmbeddedTemporalServer(int port) {
    this.port = port;
  }

  /** Starts a server on {@code port} at once. */
  public static EmbeddedTemporalServer startOn(int port) {
    EmbeddedTemporalServer server = new EmbeddedTemporalServer(port);
    server.start();
    return server;
  }

  @Override
  public synchronized void start() {
    if (server == null) {
      // true = time skipping locked: timers fire in real time, as users expect from dev mode.
      server = TestServer.createPortBoundServer(port, true);
      log.info("embedded Temporal server (in memory) listening on port {}", port);
    }
  }

  @Override
  public synchronized void stop() {
    close();
  }

  /** Stops the server; idempotent. Close workers and client stubs first. */
  @Override
  public synchronized void close() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  public int port() {
    return port;
  }
}
