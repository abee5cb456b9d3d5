package dev.agenthub.worker;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The worker's {@code admin:} block: the port of its {@code GET /metrics} (Prometheus or
 * OpenMetrics) and {@code GET /healthcheck} endpoints. {@code port: 0} turns them off.
 */
public class AdminFactory {

  /** The default {@link #getPort()}. */
  public static final int DEFAULT_PORT = 8091;

  @Min(0)
  @Max(65535)
  private int port = DEFAULT_PORT;

  @JsonProperty
  public int getPort() {
    return port;
  }

  @JsonProperty
  public void setPort(int port) {
    this.port = port;
  }
}
