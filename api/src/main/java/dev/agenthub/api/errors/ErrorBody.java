package dev.agenthub.api.errors;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * The body of every error response: {@code {"error": {"code", "message", "details"}}}.
 *
 * @param error what went wrong
 */
public record ErrorBody(Problem error) {

  public ErrorBody {
    requireNonNull(error, "error");
  }

  public static ErrorBody of(String code, String message, Map<String, ?> details) {
    return new ErrorBody(new Problem(code, message, details));
  }

  /**
   * @param code stable, machine-readable, snake_case ({@code not_found}, {@code invalid_request})
   * @param message for humans; never holds secrets, stack traces or exception internals
   * @param details structured context, an empty object when there is none
   */
  public record Problem(String code, String message, Map<String, ?> details) {

    public Problem {
      requireNonNull(code, "code");
      requireNonNull(message, "message");
      details = details == null ? Map.of() : details;
    }
  }
}
