package dev.agenthub.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.deploy.ComposeStack.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks over the compose stack and the configuration files its services read: files exist,
 * images are pinned, and every address a component is told to talk to is a service of the stack
 * listening on that port.
 */
class ComposeStackTest {

  private static final Pattern HOST_PORT =
      Pattern.compile("^(?:[a-z][a-z0-9+.-]*://)?([A-Za-z0-9._-]+):(\\d+)(?:[/?#].*)?$");

  private final ComposeStack stack = ComposeStack.load();

  @Test
  void theMainFileIncludesTemporalAndObservability() {
    assertThat(stack.files)
        .extracting(p -> p.getFileName().toString())
        .containsExactly(
            "docker-compose.yml",
            "docker-compose.temporal.yml",
            "docker-compose.observability.yml");
    assertThat(stack.services)
        .containsKeys(
            "api",
            "worker",
            "postgresql",
            "temporal",
            "temporal-schema-setup",
            "temporal-create-namespace",
            "temporal-admin-tools",
            "temporal-ui",
            "otel-collector",
            "prometheus",
            "alertmanager",
            "tempo",
            "loki",
            "grafana");
  }

  @Test
  void everyBindMountAndBuildInputExistsInTheRepository() {
    List<String> missing = new ArrayList<>();
    for (Service service : stack.services.values()) {
      Path base = service.file().getParent();
      for (JsonNode volume : service.node().path("volumes")) {
        String source;
        if (volume.isObject()) {
          if (!"bind".equals(volume.path("type").asText())) {
            continue;
          }
          source = volume.path("source").asText();
        } else {
          source = volume.asText().split(":")[0];
        }
        if (source.startsWith(".") || source.startsWith("/")) {
          if (!Files.exists(base.resolve(source).normalize())) {
            missing.add(service.name() + ": " + source);
          }
        }
      }
      JsonNode build = service.node().path("build");
      if (!build.isMissingNode()) {
        Path context = base.resolve(build.path("context").asText(".")).normalize();
        Path dockerfile = context.resolve(build.path("dockerfile").asText("Dockerfile"));
        if (!Files.isRegularFile(dockerfile)) {
          missing.add(service.name() + ": build " + dockerfile);
        }
      }
    }
    assertThat(missing).as("bind sources and build files that do not exist").isEmpty();
  }

  @Test
  void everyImageIsPinnedToASpecificTag() {
    for (Service service : stack.services.values()) {
      String image = ComposeStack.interpolate(service.node().path("image").asText(""));
      assertThat(image).as("image of %s", service.name()).isNotBlank();
      assertPinned(service.name(), image);
    }
  }

  static void assertPinned(String what, String image) {
    String withoutDigest = image.split("@")[0];
    int slash = withoutDigest.lastIndexOf('/');
    int colon = withoutDigest.lastIndexOf(':');
    assertThat(colon).as("%s: image %s has no tag", what, image).isGreaterThan(slash);
    String tag = withoutDigest.substring(colon + 1);
    assertThat(tag).as("%s: tag of %s", what, image).isNotEqualTo("latest").matches(".*\\d.*");
  }

  @Test
  void dependenciesNameServicesOfTheStackWithValidConditions() {
    for (Service service : stack.services.values()) {
      JsonNode dependsOn = service.node().path("depends_on");
      List<String> names = new ArrayList<>();
      if (dependsOn.isArray()) {
        dependsOn.forEach(n -> names.add(n.asText()));
      } else {
        dependsOn
            .fields()
            .forEachRemaining(
                e -> {
                  names.add(e.getKey());
                  String condition = e.getValue().path("condition").asText("service_started");
                  assertThat(condition)
                      .isIn("service_started", "service_healthy", "service_completed_successfully");
                  if (condition.equals("service_healthy")) {
                    assertThat(stack.service(e.getKey()).node().has("healthcheck"))
                        .as(
                            "%s waits for %s to be healthy but it has no healthcheck",
                            service.name(), e.getKey())
                        .isTrue();
                  }
                });
      }
      for (String name : names) {
        assertThat(stack.services).as("depends_on of %s", service.name()).containsKey(name);
      }
    }
    // The one-shot jobs gate what needs them.
    assertThat(
            stack
                .service("temporal")
                .node()
                .at("/depends_on/temporal-schema-setup/condition")
                .asText())
        .isEqualTo("service_completed_successfully");
    for (String app : List.of("api", "worker")) {
      assertThat(
              stack
                  .service(app)
                  .node()
                  .at("/depends_on/temporal-create-namespace/condition")
                  .asText())
          .isEqualTo("service_completed_successfully");
    }
  }

  @Test
  void theWorkerScalesOut() {
    JsonNode worker = stack.service("worker").node();
    assertThat(worker.has("container_name")).as("worker container_name").isFalse();
    assertThat(worker.has("ports")).as("worker host ports").isFalse();
    for (Service service : stack.services.values()) {
      assertThat(service.node().has("container_name"))
          .as("%s has a fixed container_name (breaks scaling and parallel stacks)", service.name())
          .isFalse();
    }
  }

  @Test
  void apiAndWorkerAreWiredToTemporalAndTheCollector() {
    for (String app : List.of("api", "worker")) {
      Map<String, String> env = stack.environment(app);
      assertThat(env).containsEntry("TEMPORAL_ADDRESS", "temporal:7233");
      assertThat(env).containsEntry("TEMPORAL_NAMESPACE", "default");
      assertThat(env).containsEntry("AGENTHUB_TASK_QUEUE", "agenthub-pipelines");
      assertThat(env.get("OTEL_EXPORTER_OTLP_ENDPOINT")).isEqualTo("http://otel-collector:4317");
      assertThat(env).containsEntry("OTEL_SERVICE_NAME", "agenthub-" + app);
    }
    // Run links are opened by the user's browser: the Temporal UI as published on the host.
    int uiPort = stack.publishedPort("temporal-ui", 8080);
    assertThat(uiPort).isPositive();
    assertThat(stack.environment("api").get("TEMPORAL_UI_URL"))
        .isEqualTo("http://localhost:" + uiPort);
    assertThat(stack.publishedPort("api", 8080)).isEqualTo(8080);
    assertThat(stack.environment("temporal-ui")).containsEntry("TEMPORAL_ADDRESS", "temporal:7233");
  }

  @Test
  void traceLinksOpenGrafanaExploreOnTheTempoDataSource() {
    String tempoUid = null;
    for (JsonNode ds :
        RepoFiles.yaml("observability/grafana/provisioning/datasources/datasources.yml")
            .path("datasources")) {
      if (ds.path("type").asText().equals("tempo")) {
        tempoUid = ds.path("uid").asText();
      }
    }
    assertThat(tempoUid).isNotBlank();

    assertThat(stack.environment("api").get("AGENTHUB_TRACE_URL_TEMPLATE"))
        .startsWith("http://localhost:" + stack.publishedPort("grafana", 3000) + "/explore?left=")
        .contains("\"datasource\":\"" + tempoUid + "\"")
        .contains("\"query\":\"{traceId}\"");
  }

  @Test
  void everyAddressInTheEnvironmentAndTheConfigsIsAServiceListeningThere() {
    Map<String, List<String>> addresses = new LinkedHashMap<>();
    // Environment of every service.
    for (Service service : stack.services.values()) {
      stack
          .environment(service.name())
          .forEach(
              (k, v) -> addAddresses(addresses, service.name() + " env " + k, v, service.name()));
    }
    // Collector exporters.
    JsonNode collector = RepoFiles.yaml("observability/otel-collector/config.yaml");
    collector
        .path("exporters")
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().has("endpoint")) {
                addAddresses(
                    addresses,
                    "collector exporter " + e.getKey(),
                    // The default of ${env:NAME:-default}: what compose runs with.
                    e.getValue()
                        .path("endpoint")
                        .asText()
                        .replaceAll("^\\$\\{env:\\w+:-(.*)}$", "$1"),
                    "otel-collector");
              }
            });
    // Prometheus targets (static and DNS discovered) and Alertmanagers.
    JsonNode prometheus = RepoFiles.yaml("observability/prometheus/prometheus.yml");
    for (JsonNode job : prometheus.path("scrape_configs")) {
      String what = "prometheus job " + job.path("job_name").asText();
      for (JsonNode sc : job.path("static_configs")) {
        sc.path("targets").forEach(t -> addAddresses(addresses, what, t.asText(), "prometheus"));
      }
      for (JsonNode dns : job.path("dns_sd_configs")) {
        dns.path("names")
            .forEach(
                n ->
                    addAddresses(
                        addresses,
                        what,
                        n.asText() + ":" + dns.path("port").asInt(),
                        "prometheus"));
      }
    }
    for (JsonNode am : prometheus.at("/alerting/alertmanagers")) {
      for (JsonNode sc : am.path("static_configs")) {
        sc.path("targets")
            .forEach(t -> addAddresses(addresses, "prometheus alerting", t.asText(), "prometheus"));
      }
    }
    // Alertmanager webhooks.
    JsonNode alertmanager = RepoFiles.yaml("observability/alertmanager/alertmanager.yml");
    for (JsonNode receiver : alertmanager.path("receivers")) {
      for (JsonNode hook : receiver.path("webhook_configs")) {
        addAddresses(addresses, "alertmanager webhook", hook.path("url").asText(), "alertmanager");
      }
    }
    // Grafana datasources.
    JsonNode datasources =
        RepoFiles.yaml("observability/grafana/provisioning/datasources/datasources.yml");
    for (JsonNode ds : datasources.path("datasources")) {
      addAddresses(
          addresses,
          "grafana datasource " + ds.path("uid").asText(),
          ds.path("url").asText(),
          "grafana");
    }
    // Tempo remote write.
    JsonNode tempo = RepoFiles.yaml("observability/tempo/tempo.yaml");
    for (JsonNode rw : tempo.at("/metrics_generator/storage/remote_write")) {
      addAddresses(addresses, "tempo remote_write", rw.path("url").asText(), "tempo");
    }

    assertThat(addresses).as("addresses found").isNotEmpty();
    List<String> problems = new ArrayList<>();
    addresses.forEach(
        (hostPort, users) -> {
          String[] parts = hostPort.split(":");
          String host = parts[0];
          int port = Integer.parseInt(parts[1]);
          if (!stack.services.containsKey(host)) {
            problems.add(hostPort + " (used by " + users + "): no such service");
          } else if (!stack.containerPorts(host).contains(port)) {
            problems.add(
                hostPort
                    + " (used by "
                    + users
                    + "): "
                    + host
                    + " listens on "
                    + stack.containerPorts(host));
          }
        });
    assertThat(problems).isEmpty();
    assertThat(addresses)
        .containsKeys(
            "tempo:4317",
            "loki:3100",
            "api:8081",
            "worker:8091",
            "api:8080",
            "prometheus:9090",
            "alertmanager:9093",
            "otel-collector:4317");
  }

  /**
   * Records host:port addresses in {@code value}. {@code localhost} inside a container means the
   * container itself ({@code self}); values whose host is a browser-facing localhost URL in an
   * application's environment (UI links, CORS origins) are about the user's machine and skipped.
   */
  private void addAddresses(
      Map<String, List<String>> addresses, String what, String value, String self) {
    for (String token : value.split("[,\\s]+")) {
      Matcher m = HOST_PORT.matcher(token.trim());
      if (!m.matches()) {
        continue;
      }
      String host = m.group(1);
      if (host.equals("0.0.0.0")) {
        continue;
      }
      if (host.equals("localhost") || host.equals("127.0.0.1")) {
        if (what.contains(" env ")) {
          continue;
        }
        host = self;
      }
      if (!host.matches("[a-z][a-z0-9-]*")) {
        continue; // an external name such as api.openai.com: not ours to check
      }
      addresses.computeIfAbsent(host + ":" + m.group(2), k -> new ArrayList<>()).add(what);
    }
  }

  @Test
  void configFilesAreMountedWhereTheServicesLookForThem() {
    // Prometheus: the whole directory, so rules/*.yml (rule_files) come along.
    assertThat(volumes("prometheus")).contains("./observability/prometheus:/etc/prometheus:ro");
    JsonNode prometheus = RepoFiles.yaml("observability/prometheus/prometheus.yml");
    assertThat(prometheus.path("rule_files").get(0).asText())
        .isEqualTo("/etc/prometheus/rules/*.yml");
    assertThat(commandOf("prometheus"))
        .contains(
            "--config.file=/etc/prometheus/prometheus.yml",
            "--enable-feature=exemplar-storage",
            "--web.enable-remote-write-receiver");
    // Grafana: provisioning and the dashboards directory its provider reads.
    assertThat(volumes("grafana"))
        .contains(
            "./observability/grafana/provisioning:/etc/grafana/provisioning:ro",
            "./observability/grafana/dashboards:/var/lib/grafana/dashboards:ro");
    JsonNode providers =
        RepoFiles.yaml("observability/grafana/provisioning/dashboards/dashboards.yml");
    assertThat(providers.at("/providers/0/options/path").asText())
        .isEqualTo("/var/lib/grafana/dashboards");
    // Alertmanager: the bearer token file its webhook config names is the mounted secret.
    JsonNode am = RepoFiles.yaml("observability/alertmanager/alertmanager.yml");
    String credentialsFile =
        am.at("/receivers/0/webhook_configs/0/http_config/authorization/credentials_file").asText();
    JsonNode secretUse = stack.service("alertmanager").node().path("secrets").get(0);
    assertThat(secretUse.path("target").asText()).isEqualTo(credentialsFile);
    assertThat(stack.secrets).containsKey(secretUse.path("source").asText());
    // Collector, Tempo, Loki: the file each is started with is the one mounted.
    assertThat(volumes("otel-collector"))
        .contains("./observability/otel-collector/config.yaml:/etc/otelcol-contrib/config.yaml:ro");
    assertThat(commandOf("otel-collector")).contains("--config=/etc/otelcol-contrib/config.yaml");
    assertThat(volumes("tempo"))
        .contains("./observability/tempo/tempo.yaml:/etc/tempo/tempo.yaml:ro");
    assertThat(volumes("loki")).contains("./observability/loki/loki.yaml:/etc/loki/loki.yaml:ro");
  }

  private List<String> volumes(String service) {
    List<String> volumes = new ArrayList<>();
    stack.service(service).node().path("volumes").forEach(v -> volumes.add(v.asText()));
    return volumes;
  }

  private List<String> commandOf(String service) {
    List<String> command = new ArrayList<>();
    stack.service(service).node().path("command").forEach(v -> command.add(v.asText()));
    return command;
  }

  @Test
  void temporalUsesThePlainServerImageWithSchemaAndNamespaceJobs() {
    assertThat(stack.service("temporal").node().path("image").asText())
        .startsWith("temporalio/server:");
    for (String job :
        List.of("temporal-schema-setup", "temporal-create-namespace", "temporal-admin-tools")) {
      assertThat(stack.service(job).node().path("image").asText())
          .startsWith("temporalio/admin-tools:");
    }
    String setup = RepoFiles.read(RepoFiles.path("deploy/temporal/setup-postgres.sh"));
    assertThat(setup)
        .contains("temporal-sql-tool", "setup-schema", "update-schema", "temporal_visibility");
    String namespace = RepoFiles.read(RepoFiles.path("deploy/temporal/create-namespace.sh"));
    assertThat(namespace)
        .contains(
            "operator namespace create", "search-attribute create", "AgentHubPipeline", "Keyword");
  }
}
