package dev.agenthub.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TracingTest {

  @Test
  void close_ofLocalTracing_waitsAtMostASecondForACollectorThatDoesNotAnswer() throws Exception {
    // The socket's backlog takes the connection; nothing ever reads or answers it.
    try (ServerSocket silent = new ServerSocket(0)) {
      System.setProperty(
          "otel.exporter.otlp.endpoint", "http://127.0.0.1:" + silent.getLocalPort());
      System.setProperty("otel.exporter.otlp.protocol", "http/protobuf");
      Tracing tracing;
      try {
        tracing = Tracing.start("agenthub-cli", ExportMode.WHEN_CONFIGURED);
      } finally {
        System.clearProperty("otel.exporter.otlp.endpoint");
        System.clearProperty("otel.exporter.otlp.protocol");
      }
      tracing.openTelemetry().getTracer("test").spanBuilder("pending").startSpan().end();

      Instant start = Instant.now();
      tracing.close();

      assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofMillis(2500));
    }
  }

  @Test
  void defaults_turnTraceAndLogExportOff_whenNotExportingByDefault() {
    assertThat(Tracing.defaults("agenthub-cli", false))
        .containsEntry("otel.traces.exporter", "none")
        .containsEntry("otel.logs.exporter", "none")
        .containsEntry("otel.metrics.exporter", "none")
        .containsEntry("otel.service.name", "agenthub-cli");
  }

  @Test
  void defaults_leaveTheOtlpExportersOn_whenExportingByDefault() {
    assertThat(Tracing.defaults("agenthub-api", true))
        .doesNotContainKeys("otel.traces.exporter", "otel.logs.exporter")
        .containsEntry("otel.exporter.otlp.protocol", "grpc");
  }

  @Test
  void exportSummary_saysHowToTurnExportOn_whenOff() {
    assertThat(Tracing.exportSummary("none", "none", Optional.empty()))
        .startsWith("not exported")
        .contains("OTEL_EXPORTER_OTLP_ENDPOINT")
        .doesNotContain("\n");
  }

  @Test
  void exportSummary_namesTheEndpoint_whenExporting() {
    assertThat(Tracing.exportSummary("otlp", "otlp", Optional.of("http://collector:4318")))
        .isEqualTo("OTLP to http://collector:4318");
    assertThat(Tracing.exportSummary("otlp", "otlp", Optional.empty()))
        .isEqualTo("OTLP to http://localhost:4317");
    assertThat(Tracing.exportSummary("otlp", "none", Optional.empty()))
        .isEqualTo("traces: OTLP to http://localhost:4317, logs: none");
  }

  @Test
  void configured_findsTheGeneralAndSignalSpecificVariables() {
    Properties none = new Properties();
    assertThat(OtlpEndpoint.configured(Map.of(), none)).isEmpty();
    assertThat(OtlpEndpoint.configured(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", " "), none)).isEmpty();
    assertThat(OtlpEndpoint.configured(Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"), none))
        .isEmpty();
    assertThat(
            OtlpEndpoint.configured(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://a:4317"), none))
        .contains("http://a:4317");
    assertThat(
            OtlpEndpoint.configured(
                Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://t:4318/v1/traces"), none))
        .contains("http://t:4318/v1/traces");
    assertThat(
            OtlpEndpoint.configured(
                Map.of("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", "http://l:4318/v1/logs"), none))
        .contains("http://l:4318/v1/logs");
  }

  @Test
  void configured_findsOtlpEndpointSystemProperties() {
    Properties properties = new Properties();
    properties.setProperty("otel.exporter.otlp.protocol", "http/protobuf");
    assertThat(OtlpEndpoint.configured(Map.of(), properties)).isEmpty();

    properties.setProperty("otel.exporter.otlp.traces.endpoint", "http://p:4318/v1/traces");
    assertThat(
            OtlpEndpoint.configured(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://e"), properties))
        .contains("http://p:4318/v1/traces");
  }
}
