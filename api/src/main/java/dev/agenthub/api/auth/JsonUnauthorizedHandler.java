package dev.agenthub.api.auth;

import dev.agenthub.api.errors.ErrorResponses;
import io.dropwizard.auth.UnauthorizedHandler;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * 401 in the API's error shape, with a {@code WWW-Authenticate: Bearer realm="..."} challenge.
 *
 * <p>{@link #buildException} throws a {@link NotAuthorizedException} <em>without</em> an entity, so
 * that the response is rendered and logged by the errors package like any other error (Jersey skips
 * exception mappers for exceptions that already carry an entity).
 */
final class JsonUnauthorizedHandler implements UnauthorizedHandler {

  static final String MESSAGE = "missing or invalid API key";

  @Override
  public Response buildResponse(String prefix, String realm) {
    return Response.fromResponse(ErrorResponses.response(401, "unauthorized", MESSAGE, Map.of()))
        .header(HttpHeaders.WWW_AUTHENTICATE, challenge(prefix, realm))
        .build();
  }

  @Override
  public RuntimeException buildException(String prefix, String realm) {
    return new NotAuthorizedException(MESSAGE, challenge(prefix, realm));
  }

  private static String challenge(String prefix, String realm) {
    return prefix + " realm=\"" + realm + "\"";
  }
}
