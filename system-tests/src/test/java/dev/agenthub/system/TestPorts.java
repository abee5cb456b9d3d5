package dev.agenthub.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Free local ports for servers that tests start (Temporal, the API, Prometheus, ...). */
public final class TestPorts {

  private TestPorts() {}

  /** A port nothing listens on right now. */
  public static int free() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
