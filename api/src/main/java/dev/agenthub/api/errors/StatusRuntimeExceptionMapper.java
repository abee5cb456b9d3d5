package dev.agenthub.api.errors;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * gRPC failures from Temporal: unreachable, slow or rate-limiting → 503 {@code
 * temporal_unavailable} (retryable, with {@code Retry-After}); {@code NOT_FOUND} → 404; anything
 * else is an internal error. Descriptions from the server are logged, not returned.
 */
final class StatusRuntimeExceptionMapper extends ErrorMapper<StatusRuntimeException> {

  @Override
  Response map(StatusRuntimeException e, FailedRequest request) {
    Status.Code code = e.getStatus().getCode();
    return switch (code) {
      case UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED ->
          ErrorResponses.temporalUnavailable(request, code.name());
      case NOT_FOUND ->
          ErrorResponses.error(
                  request, 404, "not_found", "no such resource: " + request.path(), Map.of())
              .build();
      default -> ErrorResponses.internalError(request, e);
    };
  }
}
