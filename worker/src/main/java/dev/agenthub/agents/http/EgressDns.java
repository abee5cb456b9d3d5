package dev.agenthub.agents.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import okhttp3.Dns;

/**
 * Resolves names through a delegate and refuses a host when any of its addresses is refused: the
 * first check, before a connection is attempted, and the one whose message can name the host. A
 * host that mixes public and private records is refused as a whole, since which record a connection
 * uses is up to the resolver.
 */
final class EgressDns implements Dns {

  private final EgressPolicy policy;
  private final Dns delegate;

  EgressDns(EgressPolicy policy, Dns delegate) {
    this.policy = policy;
    this.delegate = delegate;
  }

  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    try {
      policy.checkHost(hostname);
    } catch (EgressDeniedException e) {
      throw unknownHost(e);
    }
    List<InetAddress> addresses = delegate.lookup(hostname);
    for (InetAddress address : addresses) {
      try {
        policy.checkAddress(hostname, address);
      } catch (EgressDeniedException e) {
        throw unknownHost(e);
      }
    }
    return addresses;
  }

  /** {@link Dns#lookup} may only throw {@link UnknownHostException}; the refusal is its cause. */
  private static UnknownHostException unknownHost(EgressDeniedException denied) {
    UnknownHostException unknown = new UnknownHostException(denied.getMessage());
    unknown.initCause(denied);
    return unknown;
  }
}
