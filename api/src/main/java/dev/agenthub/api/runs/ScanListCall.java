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
 * processing RPC}. The request only reads, so asking again is safe; the race is a few microseconds
 * wide, so a few immediate attempts get through. A listing that still fails is answered as Temporal
 * being unavailable (503, try again), never as an internal error.
 */
final class ScanListCall {

  static final int ATTEMPTS = 5;

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
    }
    throw new RunServiceException.TemporalUnavailable(
        "Temporal failed to list runs " + ATTEMPTS + " times in a row; try again");
  }
}
