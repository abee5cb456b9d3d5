package dev.agenthub.api.errors;

import dev.agenthub.api.runs.RunServiceException;
import io.grpc.StatusRuntimeException;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.jetty.io.EofException;

/**
 * Everything no closer mapper claims. Exceptions that wrap a known failure (a Temporal client
 * exception around a gRPC status, Jersey's wrapping of a body-reading failure) are answered as that
 * failure; the rest are 500 {@code internal_error}, logged with an id that is also returned.
 */
final class UnexpectedExceptionMapper extends ErrorMapper<Throwable> {

  /** How deep to look into causes (cause chains can loop). */
  private static final int MAX_CAUSES = 16;

  private final ApiExceptionMapper apiExceptions = new ApiExceptionMapper();
  private final RunServiceExceptionMapper runServiceExceptions = new RunServiceExceptionMapper();
  private final StatusRuntimeExceptionMapper grpcStatuses = new StatusRuntimeExceptionMapper();

  @Override
  Response map(Throwable e, FailedRequest request) {
    int depth = 0;
    for (Throwable cause = e; cause != null && depth++ < MAX_CAUSES; cause = cause.getCause()) {
      if (cause instanceof ApiException api) {
        return apiExceptions.map(api, request);
      }
      if (cause instanceof RunServiceException runs) {
        return runServiceExceptions.map(runs, request);
      }
      if (cause instanceof StatusRuntimeException grpc) {
        return grpcStatuses.map(grpc, request);
      }
      if (cause instanceof PayloadTooLargeException tooLarge) {
        return payloadTooLarge(request, tooLarge.limitBytes());
      }
      if (cause instanceof EofException) {
        // The client went away mid-body; nobody will read this answer.
        return ErrorResponses.error(
                request, 400, "bad_request", "request body ended early", Map.of())
            .build();
      }
    }
    return ErrorResponses.internalError(request, e);
  }

  static Response payloadTooLarge(FailedRequest request, long limitBytes) {
    return ErrorResponses.error(
            request,
            413,
            "payload_too_large",
            "request body exceeds " + limitBytes + " bytes",
            Map.of("limitBytes", limitBytes))
        .build();
  }
}
