package dev.agenthub.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.system.TestTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack as Docker Compose itself loads it: tools/compose-config runs compose-go, the loader
 * inside Docker Compose, the way {@code docker compose config} does (includes, .env, interpolation,
 * merging, the loader's consistency checks) and {@code docker compose up --scale} does. The
 * environment is only what the repository holds: the test's own variables are not passed on, as
 * Compose would let them override .env.
 */
class ComposeConfigTest {

  private static final Map<String, String> ENVIRONMENT = Map.of("PATH", "/usr/bin:/bin");

  private static Path composeConfig;

  @BeforeAll
  static void buildComposeConfig() throws IOException {
    Path go = TestTools.require("go", "install Go 1.24 or later");
    Path binary = Files.createTempDirectory("compose-config").resolve("compose-config");
    Tools.Result build =
        Tools.run(
            List.of(
                go.toString(),
                "-C",
                "tools/compose-config",
                "build",
                "-trimpath",
                "-o",
                binary.toString(),
                "."));
    assertThat(build.exitCode()).as(build.output()).isZero();
    composeConfig = binary;
  }

  private static Tools.Result config(String... args) {
    List<String> command = new ArrayList<>(List.of(composeConfig.toString()));
    command.addAll(List.of(args));
    return Tools.run(command, ENVIRONMENT);
  }

  private static JsonNode loaded(String... args) {
    Tools.Result result = config(args);
    assertThat(result.exitCode())
        .as("compose-config %s: %s", List.of(args), result.output())
        .isZero();
    try {
      return RepoFiles.JSON.readTree(result.output());
    } catch (IOException e) {
      throw new UncheckedIOException(result.output(), e);
    }
  }

  @Test
  void theStackLoads_withItsIncludes_asTheCrossReferenceChecksSeeIt() {
    JsonNode project = loaded();

    assertThat(project.path("name").asText()).isEqualTo("agenthub");
    List<String> services = new ArrayList<>();
    project.path("services").fieldNames().forEachRemaining(services::add);
    assertThat(services).containsExactlyInAnyOrderElementsOf(ComposeStack.load().services.keySet());
  }

  @Test
  void dotEnvValuesReachTheServices_andNoEnvironmentValueIsLeftUninterpolated() {
    Map<String, String> dotEnv = dotEnv();
    JsonNode services = loaded().path("services");

    assertThat(services.at("/api/environment/AGENTHUB_OPERATOR_KEY").asText())
        .isEqualTo(dotEnv.get("AGENTHUB_OPERATOR_KEY"))
        .isNotBlank();
    assertThat(services.at("/api/environment/AGENTHUB_ALERTMANAGER_KEY").asText())
        .isEqualTo(dotEnv.get("AGENTHUB_ALERTMANAGER_KEY"));
    assertThat(services.at("/grafana/environment/GF_SECURITY_ADMIN_PASSWORD").asText())
        .isEqualTo(dotEnv.get("GRAFANA_ADMIN_PASSWORD"));
    assertThat(services.at("/temporal-ui/ports/0/published").asText())
        .isEqualTo(dotEnv.get("TEMPORAL_UI_HOST_PORT"));
    List<String> uninterpolated = new ArrayList<>();
    services.forEach(
        service ->
            service.path("environment").forEach(value -> uninterpolated.add(value.asText())));
    assertThat(uninterpolated).noneMatch(value -> value.contains("${"));
  }

  @Test
  void everyBindMountResolvesToAPathInTheRepository() {
    List<String> missing = new ArrayList<>();
    loaded()
        .path("services")
        .fields()
        .forEachRemaining(
            service -> {
              for (JsonNode volume : service.getValue().path("volumes")) {
                if ("bind".equals(volume.path("type").asText())) {
                  Path source = Path.of(volume.path("source").asText());
                  if (!source.startsWith(RepoFiles.root()) || !Files.exists(source)) {
                    missing.add(service.getKey() + ": " + source);
                  }
                }
              }
            });
    assertThat(missing).as("bind sources outside the repository or missing").isEmpty();
  }

  @Test
  void eachIncludedFileAlsoLoadsAlone() {
    assertThat(loaded("-f", "docker-compose.temporal.yml").path("services").has("temporal"))
        .isTrue();
    assertThat(loaded("-f", "docker-compose.observability.yml").path("services").has("prometheus"))
        .isTrue();
  }

  @Test
  void threeWorkersLoad_asUpWithScaleWorker3() {
    assertThat(loaded("--scale", "worker=3").at("/services/worker/scale").asInt()).isEqualTo(3);
  }

  @Test
  void aServiceThatPublishesAFixedHostPort_doesNotScale() {
    Tools.Result result = config("--scale", "api=2");

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).contains("services.api").contains("8080");
  }

  @Test
  void theLoaderRejectsWhatComposeRejects(@TempDir Path dir) throws IOException {
    Path undefinedDependency =
        Files.writeString(
            dir.resolve("undefined-dependency.yml"),
            """
            services:
              api:
                image: agenthub-api:1
                depends_on: [temporal]
            """);
    Path missingInclude =
        Files.writeString(
            dir.resolve("missing-include.yml"),
            """
            include:
              - docker-compose.nowhere.yml
            services:
              api:
                image: agenthub-api:1
            """);

    Tools.Result dependency = config("-f", undefinedDependency.toString());
    Tools.Result include = config("-f", missingInclude.toString());

    assertThat(dependency.exitCode()).isNotZero();
    assertThat(dependency.output()).contains("temporal");
    assertThat(include.exitCode()).isNotZero();
    assertThat(include.output()).contains("docker-compose.nowhere.yml");
  }

  /** The repository's .env as KEY=VALUE lines. */
  private static Map<String, String> dotEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : RepoFiles.read(RepoFiles.path(".env")).split("\n")) {
      if (!line.isBlank() && !line.startsWith("#") && line.contains("=")) {
        env.put(line.substring(0, line.indexOf('=')).trim(), line.substring(line.indexOf('=') + 1));
      }
    }
    return env;
  }
}
