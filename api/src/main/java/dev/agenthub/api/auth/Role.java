package dev.agenthub.api.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/**
 * What an API key may do. Roles are ordered: each includes everything the ones before it may do, so
 * {@code @RolesAllowed("operator")} on a resource means "operator or admin".
 */
public enum Role {
  /** Reads pipelines, runs and their history. */
  VIEWER,
  /** Also starts, cancels, retries runs and approves or rejects steps. */
  OPERATOR,
  /** Also terminates runs and any other destructive or administrative action. */
  ADMIN;

  /** Whether a principal with this role may do what {@code required} may. */
  public boolean includes(Role required) {
    return compareTo(required) >= 0;
  }

  /** The role's name as written in configuration and in {@code @RolesAllowed}: lower case. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role named {@code name}, ignoring case, if there is one. */
  public static Optional<Role> find(String name) {
    if (name == null) {
      return Optional.empty();
    }
    for (Role role : values()) {
      if (role.name().equalsIgnoreCase(name.trim())) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }

  /**
   * The role named {@code name}, ignoring case.
   *
   * @throws IllegalArgumentException if there is no such role
   */
  @JsonCreator
  public static Role of(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown role \"" + name + "\" (expected viewer, operator or admin)"));
  }
}
