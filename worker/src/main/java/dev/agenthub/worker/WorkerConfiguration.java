package dev.agenthub.worker;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.agents.AgentsConfiguration;
import dev.agenthub.cost.PriceTable;
import dev.agenthub.temporal.TemporalSettings;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.logging.common.LoggingFactory;
import io.dropwizard.validation.BaseValidator;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The worker process's YAML configuration, loaded the way Dropwizard loads the API's: {@code
 * ${ENV_VAR}} and {@code ${ENV_VAR:-default}} substitution (an undefined variable without default
 * is an error), unknown keys refused, Jakarta validation. Every block is optional.
 */
public class WorkerConfiguration {

  @Valid @NotNull private TemporalSettings temporal = TemporalSettings.defaults();
  @Valid @NotNull private WorkerSettings worker = WorkerSettings.defaults();
  @Valid @NotNull private AgentsConfiguration agents = new AgentsConfiguration();
  @Valid @NotNull private AdminFactory admin = new AdminFactory();
  @Valid @NotNull private LoggingFactory logging = new DefaultLoggingFactory();
  private String pricingFile = "";
  private String agentsDir = System.getenv().getOrDefault("AGENTHUB_AGENTS_DIR", "agents");

  /** Where to reach Temporal ({@code target}, {@code namespace}, {@code taskQueue}, TLS, key). */
  @JsonProperty
  public TemporalSettings temporal() {
    return temporal;
  }

  @JsonProperty
  void setTemporal(TemporalSettings temporal) {
    this.temporal = temporal;
  }

  /** Slot limits, sticky cache and virtual threads ({@code worker:} block). */
  @JsonProperty
  public WorkerSettings worker() {
    return worker;
  }

  @JsonProperty
  void setWorker(WorkerSettings worker) {
    this.worker = worker;
  }

  /** LLM providers, the http agent's egress policy, notify channels ({@code agents:} block). */
  @JsonProperty
  public AgentsConfiguration agents() {
    return agents;
  }

  @JsonProperty
  void setAgents(AgentsConfiguration agents) {
    this.agents = agents;
  }

  /** The admin port: {@code /metrics} and {@code /healthcheck} ({@code admin:} block). */
  @JsonProperty
  public AdminFactory admin() {
    return admin;
  }

  @JsonProperty
  void setAdmin(AdminFactory admin) {
    this.admin = admin;
  }

  /** Dropwizard's {@code logging:} block (level, loggers, console/file appenders, JSON layout). */
  @JsonProperty
  public LoggingFactory logging() {
    return logging;
  }

  @JsonProperty
  void setLogging(LoggingFactory logging) {
    this.logging = logging;
  }

  /** A pricing.yml replacing the built-in price table; empty = the built-in one. */
  @JsonProperty
  public String pricingFile() {
    return pricingFile;
  }

  @JsonProperty
  void setPricingFile(String pricingFile) {
    this.pricingFile = pricingFile;
  }

  /**
   * Directory of agent declarations ({@code agents/*.yml}, as the API reads them); a missing
   * directory declares none.
   */
  @JsonProperty
  public String agentsDir() {
    return agentsDir;
  }

  @JsonProperty
  void setAgentsDir(String agentsDir) {
    this.agentsDir = agentsDir;
  }

  /** The table {@link #pricingFile()} names, else the built-in one. */
  public PriceTable priceTable() {
    return PriceTable.fromFile(pricingFile);
  }

  /** All defaults: the dev setup on 127.0.0.1:7233. */
  public static WorkerConfiguration defaults() {
    try {
      return factory().build();
    } catch (IOException | ConfigurationException e) {
      throw new IllegalStateException("the default worker configuration is invalid", e);
    }
  }

  /** Reads and validates {@code file}, substituting environment variables first. */
  public static WorkerConfiguration load(Path file) throws IOException, ConfigurationException {
    return factory()
        .build(
            new SubstitutingSourceProvider(
                new FileConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(true)),
            file.toString());
  }

  private static YamlConfigurationFactory<WorkerConfiguration> factory() {
    ObjectMapper mapper =
        Jackson.newObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    return new YamlConfigurationFactory<>(
        WorkerConfiguration.class, BaseValidator.newValidator(), mapper, "agenthub.worker");
  }
}
