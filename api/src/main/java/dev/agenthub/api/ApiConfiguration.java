package dev.agenthub.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.agenthub.api.alerts.AlertsConfiguration;
import dev.agenthub.api.auth.AuthConfiguration;
import dev.agenthub.api.events.EventsConfiguration;
import dev.agenthub.api.runs.RunsConfiguration;
import dev.agenthub.cost.PriceTable;
import dev.agenthub.temporal.TemporalSettings;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * The API's YAML configuration (Dropwizard's {@code server:}, {@code logging:} and {@code metrics:}
 * blocks, plus ours). Every key has a dev default; values may use {@code ${ENV_VAR:-default}}. See
 * README, "Configuration".
 */
public class ApiConfiguration extends Configuration {

  @Valid @NotNull private TemporalSettings temporal = TemporalSettings.defaults();

  @NotBlank
  private String pipelinesDir = nonBlankOr(System.getenv("AGENTHUB_PIPELINES_DIR"), "pipelines");

  @NotBlank private String agentsDir = nonBlankOr(System.getenv("AGENTHUB_AGENTS_DIR"), "agents");

  /** How long a declared agent's task queue may go without a poller before health fails. */
  @NotBlank private String agentQueueGrace = "5m";

  /** A pricing.yml replacing the built-in price table; empty = the built-in one. */
  private String pricingFile = "";

  @Valid @NotNull private AuthConfiguration auth = new AuthConfiguration();

  @Valid @NotNull private AlertsConfiguration alerts = new AlertsConfiguration();

  @Valid @NotNull private RunsConfiguration runs = new RunsConfiguration();

  @Valid @NotNull private EventsConfiguration events = new EventsConfiguration();

  /** URL template of a run's trace, with {@code {traceId}}; empty = no trace links. */
  private String traceUrlTemplate = "";

  /**
   * {@code value} (an environment variable's), or {@code fallback} when it is unset or blank, as
   * the shell's {@code ${VAR:-fallback}}: the defaults are valid whatever the environment.
   */
  static String nonBlankOr(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

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

  /**
   * Directory of agent declarations, one {@code *.yml} per agent (default: {@code
   * $AGENTHUB_AGENTS_DIR}, else {@code agents}); a missing directory declares none. Workers read
   * the same files.
   */
  @JsonProperty
  public String getAgentsDir() {
    return agentsDir;
  }

  @JsonProperty
  public void setAgentsDir(String agentsDir) {
    this.agentsDir = agentsDir;
  }

  /**
   * How long the task queue of a declared external agent may have no poller before the {@code
   * agent-queues} health check fails ({@code agentQueueGrace}, a duration; default 5m).
   */
  @JsonProperty
  public String getAgentQueueGrace() {
    return agentQueueGrace;
  }

  @JsonProperty
  public void setAgentQueueGrace(String agentQueueGrace) {
    this.agentQueueGrace = agentQueueGrace;
  }

  /**
   * The price table for budget snapshots ({@code pricingFile}: a pricing.yml; empty = built-in).
   * Workers must use the same table, or budgets and reported costs disagree.
   */
  @JsonProperty
  public String getPricingFile() {
    return pricingFile;
  }

  @JsonProperty
  public void setPricingFile(String pricingFile) {
    this.pricingFile = pricingFile;
  }

  /** The table {@link #getPricingFile()} names, else the built-in one. */
  public PriceTable priceTable() {
    return PriceTable.fromFile(pricingFile);
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

  /** Limits of the run endpoints ({@code runs:} block). */
  @JsonProperty
  public RunsConfiguration getRuns() {
    return runs;
  }

  @JsonProperty
  public void setRuns(RunsConfiguration runs) {
    this.runs = runs;
  }

  @JsonProperty
  public String getTraceUrlTemplate() {
    return traceUrlTemplate;
  }

  @JsonProperty
  public void setTraceUrlTemplate(String traceUrlTemplate) {
    this.traceUrlTemplate = traceUrlTemplate;
  }

  /** The sources that may post events with a signature ({@code events:} block). */
  @JsonProperty
  public EventsConfiguration getEvents() {
    return events;
  }

  @JsonProperty
  public void setEvents(EventsConfiguration events) {
    this.events = events;
  }
}
