package dev.agenthub.api.auth;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code auth:} block: the API keys that may call {@code /api/v1}. Every request needs {@code
 * Authorization: Bearer <key>}; the key's role decides what it may do (see {@link Role}).
 *
 * <pre>{@code
 * auth:
 *   keys:
 *     - name: grafana            # hashed key: printf %s "$KEY" | sha256sum
 *       role: viewer
 *       sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
 *     - name: ci                 # plain key from the environment, hashed on load
 *       role: operator
 *       value: ${AGENTHUB_CI_KEY:-}
 * }</pre>
 *
 * <p>Each entry takes exactly one of {@code sha256} or {@code value}; see {@link
 * ApiKeyConfiguration}. Names must be unique. With no enabled key every API request is refused with
 * 401 (the {@code dev} command adds a generated key).
 */
public final class AuthConfiguration {

  @Valid @NotNull private List<ApiKeyConfiguration> keys = new ArrayList<>();

  /** The configured keys, disabled ones included. */
  @JsonProperty
  public List<ApiKeyConfiguration> getKeys() {
    return keys;
  }

  @JsonProperty
  public void setKeys(List<ApiKeyConfiguration> keys) {
    this.keys = keys == null ? new ArrayList<>() : new ArrayList<>(keys);
  }

  /** A copy of this configuration with {@code key} added (the dev key); this one is unchanged. */
  public AuthConfiguration withKey(ApiKeyConfiguration key) {
    AuthConfiguration copy = new AuthConfiguration();
    copy.setKeys(keys);
    copy.keys.add(requireNonNull(key, "key"));
    return copy;
  }

  /** The keys that can authenticate. */
  @JsonIgnore
  public List<ApiKeyConfiguration> enabledKeys() {
    return keys.stream().filter(ApiKeyConfiguration::isEnabled).toList();
  }

  @JsonIgnore
  @AssertTrue(message = "API key names must be unique")
  boolean isNamesUnique() {
    Set<String> names = new HashSet<>();
    return keys.stream().allMatch(k -> k == null || k.getName() == null || names.add(k.getName()));
  }
}
