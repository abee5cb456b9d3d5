package dev.agenthub.agents.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import javax.net.SocketFactory;

/**
 * Plain sockets that check the address they are about to connect to: the check on the address a
 * connection really uses, whatever produced it (a resolved name, an IP literal in the URL or in a
 * redirect's {@code Location}). TLS sockets are layered on these, so https is covered too.
 */
final class EgressSocketFactory extends SocketFactory {

  private final EgressPolicy policy;

  EgressSocketFactory(EgressPolicy policy) {
    this.policy = policy;
  }

  @Override
  public Socket createSocket() {
    return new CheckedSocket(policy);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
  }

  private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
    Socket socket = createSocket();
    try {
      if (local != null) {
        socket.bind(local);
      }
      socket.connect(remote);
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  private static final class CheckedSocket extends Socket {

    private final EgressPolicy policy;

    CheckedSocket(EgressPolicy policy) {
      this.policy = policy;
    }

    /** {@link Socket#connect(SocketAddress)} delegates here, so both forms are checked. */
    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
      if (endpoint instanceof InetSocketAddress remote) {
        if (remote.isUnresolved()) {
          throw new EgressDeniedException(
              "egress denied: " + remote.getHostString() + " was not resolved before connecting");
        }
        policy.checkPort(remote.getHostString(), remote.getPort());
        policy.checkAddress(remote.getHostString(), remote.getAddress());
      }
      super.connect(endpoint, timeout);
    }
  }
}
