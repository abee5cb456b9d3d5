package dev.agenthub.agents;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A local HTTP server that reads one request and never answers, holding the connection open, and
 * records when the client closes it: what a remote call that a cancellation must abort sees.
 */
public final class HangingHttpServer implements AutoCloseable {

  private final ServerSocket socket;
  private final AtomicReference<Instant> accepted = new AtomicReference<>();
  private final AtomicReference<Instant> closedByClient = new AtomicReference<>();
  private final Thread thread;

  public HangingHttpServer() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    thread = new Thread(this::serve, "hanging-http-server");
    thread.setDaemon(true);
    thread.start();
  }

  /** The URL of {@code path} on this server. */
  public String url(String path) {
    return "http://127.0.0.1:" + socket.getLocalPort() + path;
  }

  /** When the request's connection was accepted, once it was. */
  public Optional<Instant> accepted() {
    return Optional.ofNullable(accepted.get());
  }

  /** When the client closed the connection, once it did. */
  public Optional<Instant> closedByClient() {
    return Optional.ofNullable(closedByClient.get());
  }

  private void serve() {
    try (Socket client = socket.accept()) {
      accepted.set(Instant.now());
      InputStream in = client.getInputStream();
      // Reads the request, then keeps reading: read() returns -1 (or fails) only once the client
      // has closed its end.
      byte[] buffer = new byte[8192];
      while (in.read(buffer) >= 0) {
        // Nothing to answer.
      }
      closedByClient.set(Instant.now());
    } catch (IOException e) {
      if (!socket.isClosed()) {
        closedByClient.compareAndSet(null, Instant.now());
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
