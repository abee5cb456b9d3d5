package dev.agenthub.api.schedules;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs schedule calls, turning the server's {@code UNIMPLEMENTED} (however the SDK wraps it) into
 * {@link SchedulesUnsupportedException}.
 */
final class ScheduleCalls {

  private ScheduleCalls() {}

  static <T> T call(Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      if (status(e).map(s -> s == Status.Code.UNIMPLEMENTED).orElse(false)) {
        throw new SchedulesUnsupportedException(e);
      }
      throw e;
    }
  }

  static void run(Runnable call) {
    call(
        () -> {
          call.run();
          return null;
        });
  }

  /** The gRPC status code somewhere in {@code e}'s causes, if any. */
  static Optional<Status.Code> status(Throwable e) {
    for (Throwable at = e; at != null; at = at.getCause()) {
      if (at instanceof StatusRuntimeException grpc) {
        return Optional.of(grpc.getStatus().getCode());
      }
    }
    return Optional.empty();
  }
}
