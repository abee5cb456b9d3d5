package dev.agenthub.telemetry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Whether an OTLP endpoint is configured, by {@code OTEL_*} variables or {@code otel.*} properties.
 */
final class OtlpEndpoint {

  /** The OTLP default, where servers export when nothing is configured. */
  static final String DEFAULT = "http://localhost:4317";

  private static final List<String> VARIABLES =
      List.of(
          "OTEL_EXPORTER_OTLP_ENDPOINT",
          "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
          "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT");

  private static final String PROPERTY_PREFIX = "otel.exporter.otlp.";

  private OtlpEndpoint() {}

  /**
   * The configured endpoint: the first of {@code OTEL_EXPORTER_OTLP_ENDPOINT} and its traces- and
   * logs-specific variants in {@code env}, else any {@code otel.exporter.otlp.*endpoint} property
   * (system properties win over variables in autoconfigure, so they are looked at first).
   */
  static Optional<String> configured(Map<String, String> env, Properties properties) {
    for (String name : properties.stringPropertyNames().stream().sorted().toList()) {
      String value = properties.getProperty(name);
      if (name.startsWith(PROPERTY_PREFIX) && name.endsWith("endpoint") && !value.isBlank()) {
        return Optional.of(value);
      }
    }
    return VARIABLES.stream()
        .map(env::get)
        .filter(value -> value != null && !value.isBlank())
        .findFirst();
  }
}
