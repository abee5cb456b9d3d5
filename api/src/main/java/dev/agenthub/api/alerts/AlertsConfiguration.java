package dev.agenthub.api.alerts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.agenthub.api.auth.KeyHashes;
import jakarta.validation.constraints.NotBlank;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The Alertmanager webhook ({@code alerts:} block): the bearer token Alertmanager sends, where the
 * notifications go, and the links they carry.
 */
public class AlertsConfiguration {

  private byte[] tokenHash;

  @NotBlank private String channel = "alerts";

  private String grafanaUrl = "http://localhost:3000";

  /**
   * The token Alertmanager presents ({@code credentials_file} in its config), typically {@code
   * ${AGENTHUB_ALERTS_TOKEN}}; hashed at load, never kept. Empty disables the webhook (401).
   */
  @JsonProperty
  public void setToken(String token) {
    this.tokenHash = token == null || token.isBlank() ? null : KeyHashes.sha256(token.strip());
  }

  /** Alternatively the token's hex SHA-256. */
  @JsonProperty
  public void setTokenSha256(String hex) {
    this.tokenHash = hex == null || hex.isBlank() ? null : HexFormat.of().parseHex(hex.strip());
  }

  /** The token's SHA-256, when one is configured. */
  @JsonIgnore
  public Optional<byte[]> tokenHash() {
    return Optional.ofNullable(tokenHash == null ? null : tokenHash.clone());
  }

  /** The notify channel alerts go to (configured on the workers; default {@code alerts}). */
  @JsonProperty
  public String getChannel() {
    return channel;
  }

  @JsonProperty
  public void setChannel(String channel) {
    this.channel = channel;
  }

  /** Grafana's base URL for the links in messages. */
  @JsonProperty
  public String getGrafanaUrl() {
    return grafanaUrl;
  }

  @JsonProperty
  public void setGrafanaUrl(String grafanaUrl) {
    this.grafanaUrl = grafanaUrl;
  }
}
