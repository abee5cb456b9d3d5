package dev.agenthub.api.auth;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One API key ({@code auth.keys[]} entry). Give {@code name}, {@code role} and exactly one of:
 *
 * <ul>
 *   <li>{@code sha256}: the lower- or upper-case hex SHA-256 of the key, e.g. the output of {@code
 *       printf %s "$KEY" | sha256sum}. Preferred: the key itself never appears in configuration.
 *   <li>{@code value}: the key itself, typically from the environment ({@code value:
 *       ${AGENTHUB_CI_KEY:-}}). It is hashed as it is read and never kept, logged or serialized.
 * </ul>
 *
 * <p>An entry whose {@code sha256} or {@code value} is empty (an unset environment variable) is
 * disabled: it authenticates nothing, so a config file can list optional keys.
 */
public final class ApiKeyConfiguration {

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  @NotBlank private String name;

  @NotNull private Role role;

  private String sha256;
  private int sources;

  public ApiKeyConfiguration() {}

  /** An entry from the hex SHA-256 of a key. */
  public static ApiKeyConfiguration hashed(String name, Role role, String sha256Hex) {
    ApiKeyConfiguration key = new ApiKeyConfiguration();
    key.setName(requireNonNull(name, "name"));
    key.setRole(requireNonNull(role, "role"));
    key.setSha256(requireNonNull(sha256Hex, "sha256Hex"));
    return key;
  }

  /** An entry for a plain key, which is hashed here and not kept. */
  public static ApiKeyConfiguration ofKey(String name, Role role, String key) {
    ApiKeyConfiguration entry = new ApiKeyConfiguration();
    entry.setName(requireNonNull(name, "name"));
    entry.setRole(requireNonNull(role, "role"));
    entry.setValue(requireNonNull(key, "key"));
    return entry;
  }

  /** Who holds the key; becomes {@link ApiPrincipal#name()} and appears in logs. */
  @JsonProperty
  public String getName() {
    return name;
  }

  @JsonProperty
  public void setName(String name) {
    this.name = name;
  }

  /** {@code viewer}, {@code operator} or {@code admin}. */
  @JsonProperty
  public Role getRole() {
    return role;
  }

  @JsonProperty
  public void setRole(Role role) {
    this.role = role;
  }

  /** The key's SHA-256 as lower-case hex, or null when the entry is disabled. */
  @JsonProperty
  public String getSha256() {
    return sha256;
  }

  @JsonProperty
  public void setSha256(String sha256) {
    sources++;
    this.sha256 =
        sha256 == null || sha256.isBlank() ? null : sha256.trim().toLowerCase(Locale.ROOT);
  }

  /** Takes a plain key, keeping only its hash. Write-only: there is no getter on purpose. */
  @JsonProperty("value")
  public void setValue(String value) {
    sources++;
    this.sha256 = value == null || value.isEmpty() ? null : KeyHashes.sha256Hex(value);
  }

  /** Whether the entry has a key to check against (false when its variable was unset). */
  @JsonIgnore
  public boolean isEnabled() {
    return sha256 != null;
  }

  @JsonIgnore
  @AssertTrue(message = "give exactly one of sha256 or value")
  boolean isExactlyOneSource() {
    return sources == 1;
  }

  @JsonIgnore
  @AssertTrue(message = "sha256 must be 64 hex digits (the SHA-256 of the key)")
  boolean isSha256WellFormed() {
    return sha256 == null || SHA256_HEX.matcher(sha256).matches();
  }

  /** Names the entry without its hash. */
  @Override
  public String toString() {
    return "ApiKey{name=" + name + ", role=" + role + ", enabled=" + isEnabled() + "}";
  }
}
