package dev.agenthub.api.auth;

import static java.util.Objects.requireNonNull;

import java.security.Principal;

/**
 * The caller of an authenticated request: the configured name of its API key and that key's role.
 * Resources receive it with {@code @Auth ApiPrincipal caller}.
 */
public record ApiPrincipal(String name, Role role) implements Principal {

  public ApiPrincipal {
    requireNonNull(name, "name");
    requireNonNull(role, "role");
  }

  @Override
  public String getName() {
    return name;
  }
}
