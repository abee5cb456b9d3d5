package dev.agenthub.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.api.ApiConfiguration;
import dev.agenthub.worker.WorkerConfiguration;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import org.junit.jupiter.api.Test;

/**
 * The configuration files the Kubernetes base ships (ConfigMap agenthub-config) are read by the
 * same code as the processes read them, so a renamed or removed key fails here, not in a pod.
 */
class DeployConfigTest {

  @Test
  void theKubernetesApiConfigurationLoads() throws Exception {
    ApiConfiguration config =
        new YamlConfigurationFactory<>(
                ApiConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw")
            .build(
                new SubstitutingSourceProvider(
                    new FileConfigurationSourceProvider(),
                    new EnvironmentVariableSubstitutor(false)),
                RepoFiles.path("deploy/k8s/base/config/api.yml").toString());
    assertThat(config).isNotNull();
  }

  @Test
  void theKubernetesWorkerConfigurationLoads() throws Exception {
    assertThat(WorkerConfiguration.load(RepoFiles.path("deploy/k8s/base/config/worker.yml")))
        .isNotNull();
  }
}
