package dev.agenthub.api.auth;

import io.dropwizard.auth.Authorizer;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code @RolesAllowed("x")} as "at least role x": a principal with role R is authorized for
 * x when R {@linkplain Role#includes includes} x. An unknown role name authorizes nobody.
 */
public final class RoleAuthorizer implements Authorizer<ApiPrincipal> {

  private static final Logger log = LoggerFactory.getLogger(RoleAuthorizer.class);

  @Override
  public boolean authorize(
      ApiPrincipal principal, String role, ContainerRequestContext requestContext) {
    return Role.find(role)
        .map(required -> principal.role().includes(required))
        .orElseGet(
            () -> {
              log.warn("@RolesAllowed names unknown role \"{}\"; denying", role);
              return false;
            });
  }
}
