package dev.agenthub.api.runs;

import dev.agenthub.api.errors.ApiException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Optional;

/** Turns Temporal client failures into the API's errors, in one place. */
final class TemporalErrors {

  private TemporalErrors() {}

  /**
   * The API error for {@code failure} concerning {@code workflowId}: NOT_FOUND is {@code
   * run_not_found} (404), UNAVAILABLE and DEADLINE_EXCEEDED are {@code temporal_unavailable} (503);
   * anything else comes back unchanged.
   */
  static RuntimeException translate(RuntimeException failure, String workflowId) {
    if (failure instanceof ApiException) {
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
      case UNAVAILABLE, DEADLINE_EXCEEDED ->
          ApiException.unavailable("Temporal did not answer in time; try again");
      default -> failure;
    };
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

  static ApiException runNotFound(String workflowId) {
    return ApiException.notFound("run_not_found", "run " + workflowId + " not found");
  }
}
