package dev.agenthub.api.errors;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies over a limit (1 MiB by default) with 413 {@code payload_too_large}: at
 * once when {@code Content-Length} says so, and otherwise (chunked bodies) as soon as more than the
 * limit has been read. Runs before matching, so before anything reads the body.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class RequestSizeLimitFilter implements ContainerRequestFilter {

  /** 1 MiB. */
  public static final long DEFAULT_LIMIT_BYTES = 1024L * 1024L;

  private final long limitBytes;

  public RequestSizeLimitFilter() {
    this(DEFAULT_LIMIT_BYTES);
  }

  public RequestSizeLimitFilter(long limitBytes) {
    if (limitBytes <= 0) {
      throw new IllegalArgumentException("limitBytes must be positive, got " + limitBytes);
    }
    this.limitBytes = limitBytes;
  }

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    if (declaredLength(request) > limitBytes) {
      throw new PayloadTooLargeException(limitBytes);
    }
    if (request.hasEntity()) {
      request.setEntityStream(new LimitedInputStream(request.getEntityStream(), limitBytes));
    }
  }

  private static long declaredLength(ContainerRequestContext request) {
    String header = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
    if (header == null) {
      return -1;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1; // the connector rejects such requests before they get here
    }
  }

  /** Fails with {@link PayloadTooLargeException} once more than {@code limit} bytes are read. */
  static final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private long count;

    LimitedInputStream(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        counted(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        counted(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      counted(skipped);
      return skipped;
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    private void counted(long n) throws PayloadTooLargeException {
      count += n;
      if (count > limit) {
        throw new PayloadTooLargeException(limit);
      }
    }
  }
}
