package dev.agenthub.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.agenthub.cost.PriceTable;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentsConfigurationTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void defaults_useTheSimulatedProviderAndTheDefaultSlackChannel() {
    AgentsConfiguration config = new AgentsConfiguration();

    assertThat(config.getLlm().defaultProvider()).isEqualTo("simulated");
    assertThat(config.getLlm().simulated().latency()).isEqualTo(Duration.ofMillis(200));
    assertThat(config.getLlm().requestTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.getLlm().providers()).containsKey("openai");
    assertThat(config.getNotify().defaultChannel()).isEqualTo("default");
    assertThat(config.getNotify().channels().get("default").urlEnv())
        .isEqualTo("SLACK_WEBHOOK_URL");
  }

  @Test
  void durations_surviveTheJsonRoundTripDropwizardMakesOfDefaults() throws Exception {
    // Without a configuration file Dropwizard writes the defaults to JSON and binds them back.
    ObjectMapper dropwizard = io.dropwizard.jackson.Jackson.newObjectMapper();

    AgentsConfiguration config =
        dropwizard.readValue(
            dropwizard.writeValueAsString(new AgentsConfiguration()), AgentsConfiguration.class);

    assertThat(config.getLlm().requestTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.getLlm().simulated().latency()).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void bindsFromYaml_withHumanDurations() throws Exception {
    AgentsConfiguration config =
        YAML.readValue(
            """
            llm:
              defaultProvider: local
              requestTimeout: 90s
              simulated:
                latency: 50ms
              providers:
                local:
                  baseUrl: http://localhost:11434
                  apiKeyEnv: LOCAL_KEY
                  defaultModel: llama3
            notify:
              channels:
                alerts:
                  type: webhook
                  urlEnv: ALERTS_URL
            """,
            AgentsConfiguration.class);

    assertThat(config.getLlm().defaultProvider()).isEqualTo("local");
    assertThat(config.getLlm().requestTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.getLlm().simulated().latency()).isEqualTo(Duration.ofMillis(50));
    assertThat(config.getLlm().providers())
        .isEqualTo(
            Map.of(
                "local",
                new AgentsConfiguration.Provider("http://localhost:11434", "LOCAL_KEY", "llama3")));
    assertThat(config.getNotify().channels().get("alerts"))
        .isEqualTo(
            new AgentsConfiguration.Channel(
                AgentsConfiguration.ChannelType.WEBHOOK, "ALERTS_URL", null));
    assertThat(config.getNotify().defaultChannel()).isEqualTo("default");
  }

  @Test
  void llmRequestTimeoutOfZero_isRefused_ratherThanMeaningNoTimeout() {
    assertThatThrownBy(
            () -> YAML.readValue("llm:\n  requestTimeout: 0\n", AgentsConfiguration.class))
        .hasRootCauseInstanceOf(IllegalArgumentException.class)
        .rootCause()
        .hasMessageContaining("llm.requestTimeout must be greater than 0");
  }

  @Test
  void maxOutputBytes_defaultsTo256KiB_andTakesOneByteToOneMiB_only() {
    AgentsConfiguration config = new AgentsConfiguration();
    assertThat(config.getMaxOutputBytes()).isEqualTo(256L * 1024);

    config.setMaxOutputBytes(1);
    assertThat(config.getMaxOutputBytes()).isEqualTo(1);
    config.setMaxOutputBytes(1024L * 1024);
    assertThat(config.getMaxOutputBytes()).isEqualTo(1024L * 1024);
    assertThatThrownBy(() -> config.setMaxOutputBytes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("agents.maxOutputBytes must be from 1 to 1048576");
    assertThatThrownBy(() -> config.setMaxOutputBytes(1024L * 1024 + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void egress_refusesABadCidr_whenTheConfigurationLoads() {
    assertThatThrownBy(
            () -> new AgentsConfiguration.Egress(null, null, null, List.of("10.0.0.0/99"), null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void httpSecrets_needAVariableNameAndAnEnvironmentVariable() {
    assertThat(new AgentsConfiguration.Http(null, Map.of("CRM_TOKEN", "CRM_TOKEN")).secrets())
        .containsEntry("CRM_TOKEN", "CRM_TOKEN");
    assertThatThrownBy(() -> new AgentsConfiguration.Http(null, Map.of("bad-name", "X")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("agents.http.secrets: \"bad-name\"");
    assertThatThrownBy(() -> new AgentsConfiguration.Http(null, Map.of("TOKEN", " ")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builtInAgents_registerTheFourAgents() {
    AgentRegistry registry =
        BuiltInAgents.create(
            new AgentsConfiguration(), PriceTable.loadDefault(), Clock.systemUTC());

    assertThat(registry.names()).containsExactly("llm", "http", "notify", "transform");
  }
}
