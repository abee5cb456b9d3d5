package dev.agenthub.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agenthub.agents.AgentsConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerConfigurationTest {

  @TempDir Path dir;

  @Test
  void load_bindsEveryBlock_andSubstitutesEnvironmentDefaults() throws Exception {
    Path file = dir.resolve("worker.yml");
    Files.writeString(
        file,
        """
        temporal:
          target: ${AGENTHUB_TEST_UNSET_TARGET:-temporal.example:7233}
          namespace: prod
          taskQueue: pipelines-eu
          apiKey: ${AGENTHUB_TEST_UNSET_KEY:-}
        worker:
          maxConcurrentActivities: 7
          virtualThreads: false
        agents:
          llm:
            defaultProvider: openai
        """);

    WorkerConfiguration config = WorkerConfiguration.load(file);

    assertThat(config.temporal().target()).isEqualTo("temporal.example:7233");
    assertThat(config.temporal().namespace()).isEqualTo("prod");
    assertThat(config.temporal().taskQueue()).isEqualTo("pipelines-eu");
    assertThat(config.temporal().apiKey()).isNull();
    assertThat(config.worker().maxConcurrentActivities()).isEqualTo(7);
    assertThat(config.worker().maxConcurrentWorkflowTasks()).isEqualTo(50);
    assertThat(config.worker().virtualThreads()).isFalse();
    assertThat(config.agents().getLlm().defaultProvider()).isEqualTo("openai");
  }

  @Test
  void load_bindsTheEgressPolicy_andRefusesLoopbackByDefault() throws Exception {
    Path file = dir.resolve("egress.yml");
    Files.writeString(
        file,
        """
        agents:
          http:
            egress:
              schemes: [https]
              ports: [443, 8443]
              allowedHosts: ["*.example.com"]
              allowedCidrs: [10.20.0.0/16, "fd00::/8"]
        """);

    AgentsConfiguration.Egress egress = WorkerConfiguration.load(file).agents().getHttp().egress();

    assertThat(egress.schemes()).containsExactly("https");
    assertThat(egress.ports()).containsExactly(443, 8443);
    assertThat(egress.allowedHosts()).containsExactly("*.example.com");
    assertThat(egress.allowedCidrs()).containsExactly("10.20.0.0/16", "fd00::/8");
    assertThat(egress.allowLoopback()).isNull();
    assertThat(WorkerConfiguration.defaults().agents().getHttp().egress())
        .isEqualTo(AgentsConfiguration.Egress.DEFAULT);
  }

  @Test
  void load_readsTheDocumentedExample() throws Exception {
    WorkerConfiguration config = WorkerConfiguration.load(Path.of("..", "config", "worker.yml"));

    assertThat(config.agents().getHttp().egress()).isEqualTo(AgentsConfiguration.Egress.DEFAULT);
  }

  @Test
  void load_rejectsAnEgressRangeThatIsNotACidr() throws Exception {
    Path file = dir.resolve("bad-egress.yml");
    Files.writeString(file, "agents:\n  http:\n    egress:\n      allowedCidrs: [internal.corp]\n");

    assertThatThrownBy(() -> WorkerConfiguration.load(file)).hasMessageContaining("internal.corp");
  }

  @Test
  void load_rejectsUnknownKeys_andUndefinedVariables() throws Exception {
    Path typo = dir.resolve("typo.yml");
    Files.writeString(typo, "temporal:\n  targt: x:1\n");
    assertThatThrownBy(() -> WorkerConfiguration.load(typo)).hasMessageContaining("targt");

    Path undefined = dir.resolve("undefined.yml");
    Files.writeString(undefined, "temporal:\n  apiKey: ${AGENTHUB_TEST_SURELY_UNSET}\n");
    assertThatThrownBy(() -> WorkerConfiguration.load(undefined))
        .hasMessageContaining("AGENTHUB_TEST_SURELY_UNSET");
  }

  @Test
  void load_acceptsTheShippedExamples() throws Exception {
    for (String example :
        new String[] {"../config/worker.yml", "../deploy/k8s/base/config/worker.yml"}) {
      WorkerConfiguration config = WorkerConfiguration.load(Path.of(example));

      assertThat(config.admin().getPort()).as(example).isEqualTo(AdminFactory.DEFAULT_PORT);
      assertThat(config.temporal().taskQueue()).as(example).isEqualTo("agenthub-pipelines");
    }
  }

  @Test
  void settings_neverPrintTheApiKey() throws Exception {
    Path file = dir.resolve("cloud.yml");
    Files.writeString(file, "temporal:\n  apiKey: super-secret-key\n");

    assertThat(WorkerConfiguration.load(file).temporal().toString())
        .doesNotContain("super-secret-key")
        .contains("apiKey=***");
  }
}
