package dev.agenthub.workers;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.agenthub.shared.temporal.TemporalSettings;
import dev.agenthub.workers.agents.AgentsConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.lookup.StringLookupFactory;

/**
 * The worker process's YAML configuration. Values may use {@code ${ENV_VAR}} and {@code
 * ${ENV_VAR:-default}}; a missing block takes its defaults.
 *
 * @param temporal where to reach Temporal ({@code target}, {@code namespace}, {@code taskQueue},
 *     {@code tls}, {@code apiKey})
 * @param worker slot limits and virtual threads
 * @param agents LLM providers, notify channels, pricing
 */
public record WorkerConfiguration(
    TemporalSettings temporal, WorkerSettings worker, AgentsConfiguration agents) {

  public WorkerConfiguration {
    temporal = temporal == null ? TemporalSettings.defaults() : temporal;
    worker = worker == null ? WorkerSettings.defaults() : worker;
    agents = agents == null ? new AgentsConfiguration() : agents;
  }

  /** All defaults: the dev setup on 127.0.0.1:7233. */
  public static WorkerConfiguration defaults() {
    return new WorkerConfiguration(null, null, null);
  }

  /** Reads {@code file}, substituting environment variables first. */
  public static WorkerConfiguration load(Path file) throws IOException {
    StringSubstitutor environment =
        new StringSubstitutor(StringLookupFactory.INSTANCE.environmentVariableStringLookup());
    environment.setEnableUndefinedVariableException(true);
    String yaml = environment.replace(Files.readString(file));
    ObjectMapper mapper =
        new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    WorkerConfiguration config = mapper.readValue(yaml, WorkerConfiguration.class);
    return config == null ? defaults() : config;
  }
}
