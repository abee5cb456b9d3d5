package dev.agenthub.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.agenthub.api.alerts.AlertsConfiguration;
import dev.agenthub.api.auth.AuthConfiguration;
import dev.agenthub.api.dev.DevServer;
import dev.agenthub.shared.temporal.TemporalSettings;
import dev.agenthub.workers.WorkerSettings;
import dev.agenthub.workers.agents.AgentsConfiguration;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * The API's YAML configuration (Dropwizard's {@code server:}, {@code logging:} and {@code metrics:}
 * blocks, plus ours). Every key has a dev default; values may use {@code ${ENV_VAR:-default}}. See
 * README, "Configuration".
 */
public class AgentHubConfiguration extends Configuration {

  @Valid @NotNull private TemporalSettings temporal = TemporalSettings.defaults();

  @NotBlank
  private String pipelinesDir = System.getenv().getOrDefault("AGENTHUB_PIPELINES_DIR", "pipelines");

  @Valid @NotNull private WorkerSettings worker = WorkerSettings.defaults();

  @Valid @NotNull private AgentsConfiguration agents = new AgentsConfiguration();

  @Valid @NotNull private AuthConfiguration auth = new AuthConfiguration();

  @Valid @NotNull private AlertsConfiguration alerts = new AlertsConfiguration();

  /** URL template of a run's trace, with {@code {traceId}}; empty = no trace links. */
  private String traceUrlTemplate = "";

  /** Runs a worker inside the API process too (always on in {@code dev}). */
  private boolean embeddedWorker;

  /** Set by {@code dev}: the Temporal server to start before anything else. */
  private DevServer devServer = DevServer.NONE;

  /** Where to reach Temporal ({@code temporal:} block). */
  @JsonProperty
  public TemporalSettings getTemporal() {
    return temporal;
  }

  @JsonProperty
  public void setTemporal(TemporalSettings temporal) {
    this.temporal = temporal;
  }

  /**
   * Directory of pipeline YAML files (default: {@code $AGENTHUB_PIPELINES_DIR}, else {@code
   * pipelines}).
   */
  @JsonProperty
  public String getPipelinesDir() {
    return pipelinesDir;
  }

  @JsonProperty
  public void setPipelinesDir(String pipelinesDir) {
    this.pipelinesDir = pipelinesDir;
  }

  /** Worker tuning for the embedded worker ({@code worker:} block). */
  @JsonProperty
  public WorkerSettings getWorker() {
    return worker;
  }

  @JsonProperty
  public void setWorker(WorkerSettings worker) {
    this.worker = worker;
  }

  /** Agent configuration: LLM providers, notify channels, pricing ({@code agents:} block). */
  @JsonProperty
  public AgentsConfiguration getAgents() {
    return agents;
  }

  @JsonProperty
  public void setAgents(AgentsConfiguration agents) {
    this.agents = agents;
  }

  /** API keys and their roles ({@code auth:} block). */
  @JsonProperty
  public AuthConfiguration getAuth() {
    return auth;
  }

  @JsonProperty
  public void setAuth(AuthConfiguration auth) {
    this.auth = auth;
  }

  /** The Alertmanager webhook ({@code alerts:} block). */
  @JsonProperty
  public AlertsConfiguration getAlerts() {
    return alerts;
  }

  @JsonProperty
  public void setAlerts(AlertsConfiguration alerts) {
    this.alerts = alerts;
  }

  @JsonProperty
  public String getTraceUrlTemplate() {
    return traceUrlTemplate;
  }

  @JsonProperty
  public void setTraceUrlTemplate(String traceUrlTemplate) {
    this.traceUrlTemplate = traceUrlTemplate;
  }

  @JsonProperty
  public boolean isEmbeddedWorker() {
    return embeddedWorker;
  }

  @JsonProperty
  public void setEmbeddedWorker(boolean embeddedWorker) {
    this.embeddedWorker = embeddedWorker;
  }

  public DevServer getDevServer() {
    return devServer;
  }

  public void setDevServer(DevServer devServer) {
    this.devServer = devServer;
  }
}
