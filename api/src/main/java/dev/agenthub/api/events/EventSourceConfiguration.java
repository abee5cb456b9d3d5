package dev.agenthub.api.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * One system that posts events ({@code events.sources[]}): its name (for logs), the secret it signs
 * bodies with, and the event types it may post (all if none are listed). The secret is kept only as
 * bytes, never serialized, logged or shown.
 */
public class EventSourceConfiguration {

  @NotBlank private String name;

  private byte[] secret;

  private List<String> types = List.of();

  @JsonProperty
  public String getName() {
    return name;
  }

  @JsonProperty
  public void setName(String name) {
    this.name = name;
  }

  /**
   * The signing secret, typically {@code ${GITHUB_WEBHOOK_SECRET:-}}; empty disables the source
   * (with a warning at start).
   */
  @JsonProperty
  public void setSecret(String secret) {
    this.secret =
        secret == null || secret.isBlank() ? null : secret.getBytes(StandardCharsets.UTF_8);
  }

  /** The secret's bytes, if one is set. */
  @JsonIgnore
  public Optional<byte[]> secret() {
    return Optional.ofNullable(secret == null ? null : secret.clone());
  }

  /** The event types this source may post; empty means any. */
  @JsonProperty
  public List<String> getTypes() {
    return types;
  }

  @JsonProperty
  public void setTypes(List<String> types) {
    this.types = types == null ? List.of() : List.copyOf(types);
  }

  /** Whether this source may post events of {@code type}. */
  public boolean allows(String type) {
    return types.isEmpty() || types.contains(type);
  }
}
