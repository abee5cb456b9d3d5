package dev.agenthub.devkit;

import io.dropwizard.lifecycle.Managed;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Temporal Java SDK's test server on a real gRPC port, in this JVM, in real time (no time
 * skipping). Everything lives in memory and is lost when the process exits. It lacks visibility
 * queries ({@code ListWorkflowExecutions}), reset and schedules.
 *
 * <p>It listens on the loopback address only: it has no authentication, so anyone who reaches the
 * port could start, read and terminate runs. The SDK's {@code TestServer.createPortBoundServer}
 * binds every interface, so this class wires the same services and health checks (the SDK's {@code
 * TestServicesStarter} and {@code GRPCServerHelper}, public but in an {@code internal} package:
 * recheck them when the SDK is upgraded) onto a server bound to 127.0.0.1. Its time-lock log is
 * replaced by one that records nothing ({@link UnrecordedLockEvents}): the SDK's grows with every
 * task and slows the server down the longer it runs.
 */
public final class EmbeddedTemporalServer implements Managed, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporalServer.class);

  private final int port;
  private TestServicesStarter services;
  private Server server;

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
      services = new TestServicesStarter(true, 0);
      UnrecordedLockEvents.install(services);
      NettyServerBuilder builder =
          NettyServerBuilder.forAddress(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
              InsecureServerCredentials.create());
      GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
      try {
        server = builder.build().start();
      } catch (IOException e) {
        services.close();
        services = null;
        throw new UncheckedIOException(
            "cannot bind the embedded Temporal server to port " + port, e);
      }
      log.info("embedded Temporal server (in memory) listening on 127.0.0.1:{}", port);
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
      server.shutdown();
      try {
        if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
          log.warn("embedded Temporal server did not stop within 5s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      server = null;
    }
    if (services != null) {
      services.close();
      services = null;
    }
  }

  /**
   * Stops the server without waiting for calls in flight, then its services; idempotent. For a
   * server whose clients have all stopped and whose process ends.
   */
  public synchronized void closeNow() {
    if (server != null) {
      server.shutdownNow();
      try {
        server.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      server = null;
    }
    close();
  }

  public int port() {
    return port;
  }

  /** The addresses the running server listens on (none when stopped). */
  synchronized List<? extends SocketAddress> listenAddresses() {
    return server == null ? List.of() : server.getListenSockets();
  }
}
