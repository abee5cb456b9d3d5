package dev.agenthub.api.errors;

import io.dropwizard.jersey.validation.ConstraintMessage;
import io.dropwizard.jersey.validation.JerseyViolationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.glassfish.jersey.server.model.Invocable;

/**
 * Bean-validation failures of a request (including Dropwizard's {@link JerseyViolationException}
 * from {@code @Valid} parameters) → 422 {@code invalid_request}, with {@code details.violations} a
 * list of {@code {path, message}}. A violated <em>return value</em> constraint is a server bug and
 * becomes 500.
 */
final class ConstraintViolationExceptionMapper extends ErrorMapper<ConstraintViolationException> {

  @Override
  Response map(ConstraintViolationException e, FailedRequest request) {
    Set<ConstraintViolation<?>> violations = e.getConstraintViolations();
    Invocable invocable =
        e instanceof JerseyViolationException jersey ? jersey.getInvocable() : null;
    if (violations == null || violations.isEmpty()) {
      return ErrorResponses.error(
              request,
              422,
              "invalid_request",
              "request is invalid",
              Map.of("violations", List.of()))
          .build();
    }
    if (invocable != null && ConstraintMessage.determineStatus(violations, invocable) >= 500) {
      return ErrorResponses.internalError(request, e);
    }
    List<Map<String, String>> listed =
        violations.stream()
            .map(v -> violation(v, invocable))
            .sorted(Comparator.comparing((Map<String, String> v) -> v.get("path")))
            .toList();
    String message =
        listed.size() == 1
            ? "request is invalid: " + describe(listed.get(0))
            : "request is invalid (" + listed.size() + " problems)";
    return ErrorResponses.error(
            request, 422, "invalid_request", message, Map.of("violations", listed))
        .build();
  }

  private static Map<String, String> violation(ConstraintViolation<?> v, Invocable invocable) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("path", path(v));
    out.put(
        "message", invocable == null ? v.getMessage() : ConstraintMessage.getMessage(v, invocable));
    return out;
  }

  private static String describe(Map<String, String> violation) {
    String path = violation.get("path");
    String message = violation.get("message");
    return path.isEmpty() || message.startsWith(path) ? message : path + " " + message;
  }

  /**
   * The property path below the method and parameter nodes ({@code steps[0].id}); for a violated
   * parameter itself, the parameter's name.
   */
  private static String path(ConstraintViolation<?> v) {
    StringBuilder path = new StringBuilder();
    String parameter = "";
    for (Path.Node node : v.getPropertyPath()) {
      ElementKind kind = node.getKind();
      if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR) {
        continue;
      }
      if (kind == ElementKind.PARAMETER || kind == ElementKind.CROSS_PARAMETER) {
        parameter = node.getName() == null ? "" : node.getName();
        continue;
      }
      if (node.getIndex() != null) {
        path.append('[').append(node.getIndex()).append(']');
      } else if (node.getKey() != null) {
        path.append('[').append(node.getKey()).append(']');
      }
      if (node.getName() != null && !node.getName().isEmpty()) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(node.getName());
      }
    }
    return path.length() == 0 ? parameter : path.toString();
  }
}
