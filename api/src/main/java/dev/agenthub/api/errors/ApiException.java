package dev.agenthub.api.errors;

import jakarta.ws.rs.core.Response.Status;
import java.util.Map;

/**
 * A request that cannot be served, with the status, a stable machine-readable code and a message
 * for humans. {@link ApiExceptionMapper} renders every one as {@code {"error": {"code", "message",
 * "details"}}}; messages must never contain secrets.
 */
public final class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final transient Map<String, Object> details;

  public ApiException(int status, String code, String message, Map<String, Object> details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details == null ? Map.of() : Map.copyOf(details);
  }

  public static ApiException badRequest(String code, String message) {
    return new ApiException(Status.BAD_REQUEST.getStatusCode(), code, message, null);
  }

  public static ApiException badRequest(String code, String message, Map<String, Object> details) {
    return new ApiException(Status.BAD_REQUEST.getStatusCode(), code, message, details);
  }

  /** 403 {@code forbidden} for a request that needs at least role {@code required}. */
  public static ApiException forbidden(String required, String message) {
    return new ApiException(
        Status.FORBIDDEN.getStatusCode(), "forbidden", message, Map.of("required", required));
  }

  public static ApiException notFound(String code, String message) {
    return new ApiException(Status.NOT_FOUND.getStatusCode(), code, message, null);
  }

  public static ApiException conflict(String code, String message, Map<String, Object> details) {
    return new ApiException(Status.CONFLICT.getStatusCode(), code, message, details);
  }

  public static ApiException unprocessable(
      String code, String message, Map<String, Object> details) {
    return new ApiException(422, code, message, details);
  }

  public static ApiException unavailable(String message) {
    return new ApiException(
        Status.SERVICE_UNAVAILABLE.getStatusCode(), "temporal_unavailable", message, null);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Map<String, Object> details() {
    return details;
  }
}
