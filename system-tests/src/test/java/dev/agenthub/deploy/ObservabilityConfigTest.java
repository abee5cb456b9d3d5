package dev.agenthub.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.system.TestTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The observability configuration: Prometheus and Alertmanager checked by their own tools
 * (promtool, amtool), the collector's pipelines, Tempo and Loki settings, and Grafana's datasource
 * uids and links (including those dashboards use).
 */
class ObservabilityConfigTest {

  private static final String RULES_DIR = "observability/prometheus/rules";
  private static final Set<String> DATASOURCE_UIDS =
      Set.of("prometheus", "tempo", "loki", "alertmanager");

  @Test
  void promtoolAcceptsThePrometheusConfigWithOurRules(@TempDir Path tmp) throws IOException {
    Path promtool = TestTools.requireDeployed("promtool", "prom/prometheus");
    // The config names container paths (/etc/prometheus/rules/*.yml); check a copy that points at
    // the repository's directory instead, so promtool also parses whatever rule files exist.
    String config = RepoFiles.read(RepoFiles.path("observability/prometheus/prometheus.yml"));
    Path copy = tmp.resolve("prometheus.yml");
    Files.writeString(
        copy,
        config.replace(
            "/etc/prometheus/", RepoFiles.path("observability/prometheus").toAbsolutePath() + "/"));
    Tools.Result result =
        Tools.run(List.of(promtool.toString(), "check", "config", copy.toString()));
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");

    List<Path> rules = RepoFiles.filesUnder(RULES_DIR, ".yml", ".yaml");
    if (rules.isEmpty()) {
      System.err.println("promtool: no rule files under " + RULES_DIR + " yet");
      return;
    }
    List<String> command = new ArrayList<>(List.of(promtool.toString(), "check", "rules"));
    rules.forEach(r -> command.add(r.toString()));
    Tools.Result rulesResult = Tools.run(command);
    assertThat(rulesResult.exitCode()).as(rulesResult.output()).isZero();
  }

  @Test
  void amtoolAcceptsTheAlertmanagerConfig() {
    Path amtool = TestTools.requireDeployed("amtool", "prom/alertmanager");
    Tools.Result result =
        Tools.run(
            List.of(
                amtool.toString(),
                "check-config",
                RepoFiles.path("observability/alertmanager/alertmanager.yml").toString()));
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void alertsGoToTheAgentHubWebhookWithABearerTokenFile() {
    JsonNode am = RepoFiles.yaml("observability/alertmanager/alertmanager.yml");
    String receiver = am.at("/route/receiver").asText();
    JsonNode hook = null;
    for (JsonNode r : am.path("receivers")) {
      if (r.path("name").asText().equals(receiver)) {
        hook = r.path("webhook_configs").get(0);
      }
    }
    assertThat(hook).as("webhook of the default receiver %s", receiver).isNotNull();
    assertThat(hook.path("url").asText()).isEqualTo("http://api:8080/api/v1/alerts");
    assertThat(hook.path("send_resolved").asBoolean()).isTrue();
    assertThat(hook.at("/http_config/authorization/type").asText("Bearer")).isEqualTo("Bearer");
    assertThat(hook.at("/http_config/authorization/credentials_file").asText())
        .isEqualTo("/etc/alertmanager/secrets/agenthub-token");
    assertThat(am.at("/route/group_by")).isNotEmpty();
  }

  @Test
  void collectorPipelinesUseOnlyDefinedComponentsWithTheMemoryLimiterFirst() {
    JsonNode config = RepoFiles.yaml("observability/otel-collector/config.yaml");
    JsonNode service = config.path("service");
    for (JsonNode extension : service.path("extensions")) {
      assertThat(config.path("extensions").has(extension.asText()))
          .as("extension %s is defined", extension.asText())
          .isTrue();
    }
    assertThat(config.path("extensions").has("health_check")).isTrue();
    JsonNode pipelines = service.path("pipelines");
    assertThat(pipelines.has("traces")).isTrue();
    assertThat(pipelines.has("logs")).isTrue();
    pipelines
        .fields()
        .forEachRemaining(
            p -> {
              for (String kind : List.of("receivers", "processors", "exporters")) {
                for (JsonNode name : p.getValue().path(kind)) {
                  assertThat(config.path(kind).has(name.asText()))
                      .as("pipeline %s: %s %s is defined", p.getKey(), kind, name.asText())
                      .isTrue();
                }
              }
              assertThat(p.getValue().path("receivers")).isNotEmpty();
              assertThat(p.getValue().path("exporters")).isNotEmpty();
              assertThat(p.getValue().path("processors").get(0).asText())
                  .as("first processor of %s", p.getKey())
                  .startsWith("memory_limiter");
              assertThat(p.getValue().path("processors").toString()).contains("batch");
            });
    assertThat(config.at("/receivers/otlp/protocols/grpc/endpoint").asText()).endsWith(":4317");
    assertThat(config.at("/receivers/otlp/protocols/http/endpoint").asText()).endsWith(":4318");
    // Traces to Tempo, logs to Loki's OTLP endpoint, unless the environment names other backends.
    assertThat(exporterOf(config, "traces").path("endpoint").asText())
        .isEqualTo("${env:AGENTHUB_TRACES_ENDPOINT:-tempo:4317}");
    assertThat(exporterOf(config, "logs").path("endpoint").asText())
        .isEqualTo("${env:AGENTHUB_LOGS_ENDPOINT:-http://loki:3100/otlp}");
    // Self-telemetry on the port Prometheus scrapes.
    assertThat(
            config.at("/service/telemetry/metrics/readers/0/pull/exporter/prometheus/port").asInt())
        .isEqualTo(8888);
  }

  private static JsonNode exporterOf(JsonNode config, String pipeline) {
    String name = config.at("/service/pipelines/" + pipeline + "/exporters/0").asText();
    return config.path("exporters").path(name);
  }

  @Test
  void tempoGeneratesSpanMetricsAndServiceGraphsIntoPrometheusWithExemplars() {
    JsonNode tempo = RepoFiles.yaml("observability/tempo/tempo.yaml");
    JsonNode remoteWrite = tempo.at("/metrics_generator/storage/remote_write/0");
    assertThat(remoteWrite.path("url").asText()).isEqualTo("http://prometheus:9090/api/v1/write");
    assertThat(remoteWrite.path("send_exemplars").asBoolean()).isTrue();
    assertThat(tempo.at("/overrides/defaults/metrics_generator/processors").toString())
        .contains("service-graphs", "span-metrics");
    assertThat(tempo.at("/distributor/receivers/otlp/protocols/grpc/endpoint").asText())
        .isEqualTo("0.0.0.0:4317");
  }

  @Test
  void lokiKeepsStructuredMetadataForOtlpLogs() {
    JsonNode loki = RepoFiles.yaml("observability/loki/loki.yaml");
    assertThat(loki.at("/limits_config/allow_structured_metadata").asBoolean()).isTrue();
    assertThat(loki.at("/schema_config/configs/0/schema").asText()).isEqualTo("v13");
    assertThat(loki.at("/schema_config/configs/0/store").asText()).isEqualTo("tsdb");
    assertThat(loki.at("/server/http_listen_port").asInt()).isEqualTo(3100);
  }

  @Test
  void grafanaDatasourcesHaveFixedUidsAndLinkToEachOther() {
    JsonNode provisioning =
        RepoFiles.yaml("observability/grafana/provisioning/datasources/datasources.yml");
    Set<String> uids = new HashSet<>();
    provisioning.path("datasources").forEach(ds -> uids.add(ds.path("uid").asText()));
    assertThat(uids).containsExactlyInAnyOrderElementsOf(DATASOURCE_UIDS);

    // Every datasourceUid a link names exists.
    List<String> referenced = new ArrayList<>();
    collectDatasourceUids(provisioning, referenced);
    assertThat(referenced).isNotEmpty();
    assertThat(uids).containsAll(referenced);

    JsonNode prometheus = datasource(provisioning, "prometheus");
    List<String> exemplarNames = new ArrayList<>();
    prometheus
        .at("/jsonData/exemplarTraceIdDestinations")
        .forEach(
            d -> {
              assertThat(d.path("datasourceUid").asText()).isEqualTo("tempo");
              exemplarNames.add(d.path("name").asText());
            });
    assertThat(exemplarNames).contains("trace_id", "traceID");

    JsonNode tempo = datasource(provisioning, "tempo").path("jsonData");
    assertThat(tempo.at("/tracesToLogsV2/datasourceUid").asText()).isEqualTo("loki");
    assertThat(tempo.at("/tracesToLogsV2/filterByTraceID").asBoolean()).isTrue();
    assertThat(tempo.at("/tracesToLogsV2/tags").toString()).contains("service.name");
    assertThat(tempo.at("/serviceMap/datasourceUid").asText()).isEqualTo("prometheus");
    assertThat(tempo.at("/tracesToMetrics/datasourceUid").asText()).isEqualTo("prometheus");

    JsonNode loki = datasource(provisioning, "loki");
    assertThat(loki.at("/jsonData/derivedFields")).isNotEmpty();
    loki.at("/jsonData/derivedFields")
        .forEach(f -> assertThat(f.path("datasourceUid").asText()).isEqualTo("tempo"));
  }

  private static JsonNode datasource(JsonNode provisioning, String uid) {
    for (JsonNode ds : provisioning.path("datasources")) {
      if (ds.path("uid").asText().equals(uid)) {
        return ds;
      }
    }
    throw new AssertionError("no datasource " + uid);
  }

  private static void collectDatasourceUids(JsonNode node, List<String> out) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              e -> {
                if (e.getKey().equals("datasourceUid")) {
                  out.add(e.getValue().asText());
                } else {
                  collectDatasourceUids(e.getValue(), out);
                }
              });
    } else if (node.isArray()) {
      node.forEach(n -> collectDatasourceUids(n, out));
    }
  }

  /** Grafana expands $VAR / ${VAR} in provisioning files; a literal $ must be written $$. */
  @Test
  void grafanaProvisioningEscapesEveryLiteralDollar() {
    Pattern unescaped = Pattern.compile("(?<!\\$)\\$(?!\\$)(\\{|__|[A-Za-z_])");
    for (Path file : RepoFiles.filesUnder("observability/grafana/provisioning", ".yml", ".yaml")) {
      String text = RepoFiles.read(file).replace("$$", "");
      List<String> offending = new ArrayList<>();
      text.lines()
          .filter(line -> !line.stripLeading().startsWith("#"))
          .filter(line -> unescaped.matcher(line).find())
          .forEach(offending::add);
      assertThat(offending).as("unescaped $ in %s", file).isEmpty();
    }
  }

  @Test
  void dashboardsUseOnlyProvisionedDatasources() {
    Set<String> names = Set.of("Prometheus", "Tempo", "Loki", "Alertmanager");
    List<Path> dashboards = RepoFiles.filesUnder("observability/grafana/dashboards", ".json");
    if (dashboards.isEmpty()) {
      System.err.println("grafana: no dashboards under observability/grafana/dashboards yet");
    }
    for (Path dashboard : dashboards) {
      List<String> unknown = new ArrayList<>();
      collectDashboardDatasources(RepoFiles.json(dashboard), unknown, names);
      assertThat(unknown).as("unknown datasources in %s", dashboard).isEmpty();
    }
  }

  private static void collectDashboardDatasources(
      JsonNode node, List<String> unknown, Set<String> names) {
    if (node.isObject()) {
      JsonNode ds = node.get("datasource");
      if (ds != null) {
        String ref = ds.isObject() ? ds.path("uid").asText("") : ds.asText("");
        boolean fine =
            ref.isEmpty()
                || ref.startsWith("$")
                || ref.startsWith("-- ")
                || ref.equals("grafana")
                || DATASOURCE_UIDS.contains(ref)
                || (!ds.isObject() && names.contains(ref));
        if (!fine) {
          unknown.add(ref);
        }
      }
      node.fields()
          .forEachRemaining(
              e -> {
                if (!e.getKey().equals("datasource")) {
                  collectDashboardDatasources(e.getValue(), unknown, names);
                }
              });
    } else if (node.isArray()) {
      node.forEach(n -> collectDashboardDatasources(n, unknown, names));
    }
  }
}
