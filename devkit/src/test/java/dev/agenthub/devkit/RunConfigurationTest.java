package dev.agenthub.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.api.ApiConfiguration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.jackson.Jackson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunConfigurationTest {

  @TempDir Path dir;

  private static Bootstrap<ApiConfiguration> bootstrap() {
    AgentHubMain program =
        new AgentHubMain(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    Bootstrap<ApiConfiguration> bootstrap = new Bootstrap<>(program);
    program.initialize(bootstrap);
    return bootstrap;
  }

  @SuppressWarnings("unchecked")
  private static Bootstrap<DevConfiguration> devBootstrap(Bootstrap<ApiConfiguration> bootstrap) {
    return (Bootstrap<DevConfiguration>) (Bootstrap<?>) bootstrap;
  }

  @Test
  void load_withoutFile_equalsTheDefaultsDropwizardsJsonRoundTripBuilds() throws Exception {
    Bootstrap<ApiConfiguration> bootstrap = bootstrap();
    ObjectMapper json = bootstrap.getObjectMapper();

    DevConfiguration direct = RunConfiguration.load(bootstrap, null);
    DevConfiguration roundTrip = RunConfiguration.factory(devBootstrap(bootstrap)).build();

    // A set, written in hash order: compared as a set, then left out of the trees.
    assertThat(allowedMethods(direct)).isEqualTo(allowedMethods(roundTrip)).contains("GET");
    ObjectNode directTree = json.valueToTree(direct);
    ObjectNode roundTripTree = json.valueToTree(roundTrip);
    ((ObjectNode) directTree.get("server")).remove("allowedMethods");
    ((ObjectNode) roundTripTree.get("server")).remove("allowedMethods");
    assertThat(directTree).isEqualTo(roundTripTree);
    assertThat(directTree.size()).isGreaterThan(10);
    assertThat(direct.getAgents().getLlm().requestTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(direct.getAgents().getLlm().simulated().latency()).isEqualTo(Duration.ofMillis(200));
    assertThat(direct.getTemporal()).isEqualTo(roundTrip.getTemporal());
    assertThat(direct.getWorker()).isEqualTo(roundTrip.getWorker());
    assertThat(direct.getPipelinesDir()).isEqualTo(roundTrip.getPipelinesDir());
    assertThat(direct.getAgentsDir()).isEqualTo(roundTrip.getAgentsDir());
  }

  private static Set<String> allowedMethods(DevConfiguration config) {
    return ((DefaultServerFactory) config.getServerFactory()).getAllowedMethods();
  }

  @Test
  void load_withoutFile_buildsTheDefaultsWithoutWritingThemToJson() throws Exception {
    Bootstrap<ApiConfiguration> bootstrap = bootstrap();
    bootstrap.setObjectMapper(
        new ObjectMapper() {
          private static final long serialVersionUID = 1L;

          @Override
          public <T extends JsonNode> T valueToTree(Object value) {
            throw new AssertionError("the defaults went through JSON");
          }
        });

    DevConfiguration config = RunConfiguration.load(bootstrap, null);

    assertThat(config.getAgents().getLlm().simulated().latency()).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void load_withoutFile_givesDefaultsThatPassDropwizardsValidation() throws Exception {
    Bootstrap<ApiConfiguration> bootstrap = bootstrap();

    DevConfiguration config = RunConfiguration.load(bootstrap, null);

    assertThat(bootstrap.getValidatorFactory().getValidator().validate(config)).isEmpty();
  }

  @Test
  void load_withFile_readsItThroughDropwizardsFactory() throws Exception {
    Path file = dir.resolve("run.yml");
    Files.writeString(
        file,
        """
        temporal:
          target: 127.0.0.1:17999
        agents:
          llm:
            simulated:
              latency: 5ms
        """);

    DevConfiguration config = RunConfiguration.load(bootstrap(), file.toString());

    assertThat(config.getTemporal().target()).isEqualTo("127.0.0.1:17999");
    assertThat(config.getAgents().getLlm().simulated().latency()).isEqualTo(Duration.ofMillis(5));
    assertThat(Jackson.newObjectMapper().valueToTree(config).has("server")).isTrue();
  }

  @Test
  void overridden_isTrue_onlyForADropwizardOverrideProperty() {
    Properties none = new Properties();
    none.setProperty("java.version", "17");
    none.setProperty("dwarf", "x");
    Properties one = new Properties();
    one.putAll(none);
    one.setProperty("dw.temporal.target", "127.0.0.1:7233");

    assertThat(RunConfiguration.overridden(none)).isFalse();
    assertThat(RunConfiguration.overridden(one)).isTrue();
  }
}
