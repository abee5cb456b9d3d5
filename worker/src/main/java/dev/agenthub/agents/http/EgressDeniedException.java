package dev.agenthub.agents.http;

import java.io.IOException;

/**
 * The egress policy refused a connection. An {@link IOException} so that it travels through
 * OkHttp's DNS, socket and interceptor layers unchanged; the http agent turns it into an {@code
 * AgentEgressDenied} failure. The message names the host and the address class, never the resolved
 * address (which would map internal names for a caller) nor any part of the URL but the host.
 */
public final class EgressDeniedException extends IOException {

  private static final long serialVersionUID = 1L;

  EgressDeniedException(String message) {
    super(message);
  }

  /** The refusal in {@code error}, its causes or their suppressed exceptions; null when none. */
  static EgressDeniedException findIn(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof EgressDeniedException denied) {
        return denied;
      }
      for (Throwable suppressed : t.getSuppressed()) {
        EgressDeniedException denied = findIn(suppressed);
        if (denied != null) {
          return denied;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
