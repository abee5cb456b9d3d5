package dev.agenthub.api.errors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Jersey's own errors (no route, wrong method, wrong media type, failed role check, ...) in the API
 * shape. Headers that matter to clients ({@code Allow}, {@code WWW-Authenticate}, {@code
 * Retry-After}) are kept.
 */
final class WebApplicationExceptionMapper extends ErrorMapper<WebApplicationException> {

  private static final List<String> KEPT_HEADERS =
      List.of(HttpHeaders.ALLOW, HttpHeaders.WWW_AUTHENTICATE, HttpHeaders.RETRY_AFTER);

  @Context private ResourceInfo resourceInfo;

  @Override
  Response map(WebApplicationException e, FailedRequest request) {
    Response original = e.getResponse();
    int status = original.getStatus();
    if (status >= 500 && status != 503) {
      return ErrorResponses.internalError(request, e);
    }
    Response.ResponseBuilder builder =
        switch (status) {
          case 400 -> error(request, 400, "bad_request", messageOr(e, "bad request"), Map.of());
          case 401 -> error(request, 401, "unauthorized", "missing or invalid API key", Map.of());
          case 403 ->
              error(
                  request,
                  403,
                  "forbidden",
                  "this API key's role does not allow this request",
                  requiredRole());
          case 404 ->
              error(request, 404, "not_found", "no such resource: " + request.path(), Map.of());
          case 405 ->
              error(
                  request,
                  405,
                  "method_not_allowed",
                  request.method() + " is not allowed on " + request.path(),
                  Map.of("allowed", original.getAllowedMethods().stream().sorted().toList()));
          case 406 ->
              error(
                  request,
                  406,
                  "not_acceptable",
                  "this API produces application/json; send Accept: application/json",
                  Map.of());
          case 413 ->
              error(request, 413, "payload_too_large", "request body is too large", Map.of());
          case 415 ->
              error(
                  request,
                  415,
                  "unsupported_media_type",
                  "use Content-Type: application/json",
                  Map.of());
          default -> error(request, status, codeOf(status), messageOr(e, reason(status)), Map.of());
        };
    for (String header : KEPT_HEADERS) {
      Object value = original.getHeaders().getFirst(header);
      if (value != null) {
        builder.header(header, value);
      }
    }
    return builder.build();
  }

  private static Response.ResponseBuilder error(
      FailedRequest request, int status, String code, String message, Map<String, ?> details) {
    return ErrorResponses.error(request, status, code, message, details);
  }

  /** The roles the matched method allows ({@code {"required": "operator"}}), when known. */
  private Map<String, ?> requiredRole() {
    try {
      Method method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
      if (method == null) {
        return Map.of();
      }
      RolesAllowed allowed = method.getAnnotation(RolesAllowed.class);
      if (allowed == null) {
        allowed = resourceInfo.getResourceClass().getAnnotation(RolesAllowed.class);
      }
      if (allowed == null || allowed.value().length == 0) {
        return Map.of();
      }
      return allowed.value().length == 1
          ? Map.of("required", allowed.value()[0])
          : Map.of("required", List.of(allowed.value()));
    } catch (RuntimeException outsideRequest) {
      return Map.of();
    }
  }

  /**
   * The exception's own message when it was written for the client; Jersey's stock messages ({@code
   * HTTP 400 Bad Request}) are replaced by {@code fallback}.
   */
  private static String messageOr(WebApplicationException e, String fallback) {
    String message = e.getMessage();
    return message == null || message.isBlank() || message.startsWith("HTTP ") ? fallback : message;
  }

  private static String reason(int status) {
    Response.Status known = Response.Status.fromStatusCode(status);
    return known == null ? "HTTP " + status : known.getReasonPhrase().toLowerCase(Locale.ROOT);
  }

  /**
   * {@code 409 Conflict} → {@code conflict}, {@code 429 Too Many Requests} → {@code
   * too_many_requests}.
   */
  static String codeOf(int status) {
    Response.Status known = Response.Status.fromStatusCode(status);
    if (known == null) {
      return "http_" + status;
    }
    List<String> words = new ArrayList<>();
    for (String word : known.getReasonPhrase().toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return String.join("_", words);
  }
}
