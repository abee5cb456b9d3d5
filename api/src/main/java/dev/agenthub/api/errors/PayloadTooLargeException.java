package dev.agenthub.api.errors;

import java.io.IOException;

/**
 * A request body over the limit. An {@link IOException} on purpose: Jackson passes I/O failures of
 * its input through unchanged, where it would wrap a runtime exception into a mapping error (which
 * would become a 400).
 */
final class PayloadTooLargeException extends IOException {

  private static final long serialVersionUID = 1L;

  private final long limitBytes;

  PayloadTooLargeException(long limitBytes) {
    super("request body exceeds " + limitBytes + " bytes");
    this.limitBytes = limitBytes;
  }

  long limitBytes() {
    return limitBytes;
  }
}
