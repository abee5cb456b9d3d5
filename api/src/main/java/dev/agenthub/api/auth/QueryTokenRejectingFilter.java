package dev.agenthub.api.auth;

import dev.agenthub.api.errors.ApiException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * Refuses {@code ?access_token=} (400). Dropwizard's OAuth filter would accept a key there, but
 * query strings end up in access logs, proxies and browser history, so keys go in the {@code
 * Authorization} header only.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
final class QueryTokenRejectingFilter implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getUriInfo().getQueryParameters().containsKey("access_token")) {
      throw ApiException.badRequest(
          "api_key_in_query",
          "API keys are not accepted in the query string; use Authorization: Bearer <key>");
    }
  }
}
