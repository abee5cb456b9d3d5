package dev.agenthub.api.errors;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place error responses are built and logged. Client errors (4xx) are logged at WARN on one
 * line; server errors (5xx) at ERROR. Internal errors get a random id that is both logged (with the
 * stack trace) and returned, so an operator can find the cause of a report; the client never sees
 * the exception itself.
 */
public final class ErrorResponses {

  /** Seconds a client should wait before retrying a 503. */
  public static final int RETRY_AFTER_SECONDS = 5;

  private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {}

  /** A JSON error response, not logged (for callers outside exception mapping). */
  public static Response response(int status, String code, String message, Map<String, ?> details) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(ErrorBody.of(code, message, details))
        .build();
  }

  /**
   * A logged error response; 503 responses carry {@code Retry-After}, 413 responses close the
   * connection.
   */
  static Response.ResponseBuilder error(
      FailedRequest request, int status, String code, String message, Map<String, ?> details) {
    log(request, status, code, message);
    Response.ResponseBuilder builder =
        Response.status(status)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(ErrorBody.of(code, message, details));
    if (status == 503) {
      builder.header("Retry-After", RETRY_AFTER_SECONDS);
    }
    if (status == 413) {
      // The unread rest of the body would be parsed as the next request: end the connection.
      builder.header("Connection", "close");
    }
    return builder;
  }

  /** Logs an error answer: 5xx at ERROR, 4xx at WARN, on one line. */
  static void log(FailedRequest request, int status, String code, String message) {
    if (status >= 500) {
      log.error("{} -> {} {}: {}", request, status, code, message);
    } else {
      log.warn("{} -> {} {}: {}", request, status, code, message);
    }
  }

  /** Logs an internal error with its cause and a new id, and returns the id. */
  static String logInternalError(FailedRequest request, Throwable cause) {
    String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    log.error("{} -> 500 internal_error (id {})", request, id, cause);
    return id;
  }

  /** 500 {@code internal_error}; the exception and its stack trace go to the log only. */
  static Response internalError(FailedRequest request, Throwable cause) {
    String id = logInternalError(request, cause);
    return Response.status(500)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(ErrorBody.of("internal_error", "internal error (id " + id + ")", Map.of()))
        .build();
  }

  /** 503 {@code temporal_unavailable} with {@code Retry-After}. */
  static Response temporalUnavailable(FailedRequest request, String why) {
    return error(
            request,
            503,
            "temporal_unavailable",
            "Temporal is unavailable (" + why + "); retry later",
            Map.of())
        .build();
  }
}
