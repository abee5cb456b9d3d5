package dev.agenthub.api.runs;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.function.Supplier;

/**
 * One open- or closed-runs listing request of a scan, repeated when the server fails it with {@code
 * UNKNOWN}.
 *
 * <p>The embedded test server walks its workflow store without a lock while it lists, so a listing
 * that races a run being started fails inside the server with a {@code
 * ConcurrentModificationException}, which gRPC answers as {@code UNKNOWN: Application error
 * processing RPC}. The request only reads, so asking again is safe. The race lasts as long as the
 * server's walk, which a loaded machine stretches (five immediate attempts all failed there), so
 * the attempts wait a little longer each time: 1, 2, 4 ... 32 ms, about 0.1 s in all. A listing
 * that still fails is answered as Temporal being unavailable (503, try again), never as an internal
 * error.
 */
final class ScanListCall {

  static final int ATTEMPTS = 8;

  private static final long LONGEST_PAUSE_MILLIS = 32;

  private ScanListCall() {}

  static <T> T call(Supplier<T> request) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        return request.get();
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.UNKNOWN) {
          throw e;
        }
      }
      if (attempt < ATTEMPTS - 1) {
        pause(Math.min(1L << attempt, LONGEST_PAUSE_MILLIS));
      }
    }
    throw new RunServiceException.TemporalUnavailable(
        "Temporal failed to list runs " + ATTEMPTS + " times in a row; try again");
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunServiceException.TemporalUnavailable("interrupted while listing runs");
    }
  }
}
