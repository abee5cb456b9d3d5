package dev.agenthub.api.runs;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Locale;
import java.util.Optional;

/** Turns Temporal client failures into the run service's failures, in one place. */
final class TemporalErrors {

  private TemporalErrors() {}

  /**
   * The run service's failure for {@code failure} concerning {@code workflowId}: NOT_FOUND is
   * {@link RunServiceException.RunNotFound}, UNAVAILABLE and DEADLINE_EXCEEDED are {@link
   * RunServiceException.TemporalUnavailable}, INVALID_ARGUMENT (a payload over the blob size limit,
   * say) is {@link RunServiceException.TemporalRefused}; anything else comes back unchanged.
   */
  static RuntimeException translate(RuntimeException failure, String workflowId) {
    if (failure instanceof RunServiceException) {
      return failure;
    }
    if (failure instanceof WorkflowNotFoundException) {
      return runNotFound(workflowId);
    }
    Optional<Status.Code> code = grpcCode(failure);
    if (code.isEmpty()) {
      return failure;
    }
    return switch (code.get()) {
      case NOT_FOUND -> workflowId == null ? failure : runNotFound(workflowId);
      case UNAVAILABLE, DEADLINE_EXCEEDED -> unavailable();
      case INVALID_ARGUMENT -> new RunServiceException.TemporalRefused(saysTooLarge(failure));
      default -> failure;
    };
  }

  /** Whether the server's description says a payload was over its size limit. */
  private static boolean saysTooLarge(Throwable failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof StatusRuntimeException grpc) {
        String description = grpc.getStatus().getDescription();
        return description != null && description.toLowerCase(Locale.ROOT).contains("size");
      }
    }
    return false;
  }

  /** The gRPC status code somewhere in {@code failure}'s causes, if any. */
  static Optional<Status.Code> grpcCode(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException grpc) {
        return Optional.of(grpc.getStatus().getCode());
      }
      if (t instanceof WorkflowNotFoundException) {
        return Optional.of(Status.Code.NOT_FOUND);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }

  /** Whether {@code failure} says Temporal could not be reached or did not answer in time. */
  static boolean isUnavailable(Throwable failure) {
    Status.Code code = grpcCode(failure).orElse(null);
    return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
  }

  static RunServiceException.TemporalUnavailable unavailable() {
    return new RunServiceException.TemporalUnavailable(
        "Temporal did not answer in time; try again");
  }

  static RunServiceException runNotFound(String workflowId) {
    return new RunServiceException.RunNotFound(workflowId);
  }
}
