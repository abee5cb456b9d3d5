package dev.agenthub.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.system.TestTools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Kubernetes base and the Temporal Cloud overlay render with kustomize (offline). */
class KustomizeTest {

  private static List<JsonNode> render(String dir) {
    List<String> command = new ArrayList<>();
    var kubectl = TestTools.find("kubectl");
    if (kubectl.isPresent()) {
      command.addAll(List.of(kubectl.get().toString(), "kustomize"));
    } else {
      Path kustomize =
          TestTools.require(
              "kustomize", "kubectl, or scripts/install-test-tools.sh installs kustomize");
      command.addAll(List.of(kustomize.toString(), "build"));
    }
    command.add(RepoFiles.path(dir).toString());
    Tools.Result result = Tools.run(command);
    assertThat(result.exitCode()).as(result.output()).isZero();
    return RepoFiles.yamlDocuments(result.output());
  }

  private static List<String> kinds(List<JsonNode> documents) {
    return documents.stream().map(d -> d.path("kind").asText()).sorted().toList();
  }

  private static JsonNode find(List<JsonNode> documents, String kind, String name) {
    return documents.stream()
        .filter(d -> d.path("kind").asText().equals(kind))
        .filter(d -> d.at("/metadata/name").asText().startsWith(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  @Test
  void theBaseRendersApiAndWorkerWithProbesResourcesAndBudgets() {
    List<JsonNode> documents = render("deploy/k8s/base");
    assertThat(kinds(documents))
        .containsExactly(
            "ConfigMap",
            "ConfigMap",
            "Deployment",
            "Deployment",
            "PodDisruptionBudget",
            "PodDisruptionBudget",
            "Service",
            "Service");

    JsonNode config = find(documents, "ConfigMap", "agenthub-config");
    assertThat(config.path("data").has("api.yml")).isTrue();
    assertThat(config.path("data").has("worker.yml")).isTrue();

    checkDeployment(find(documents, "Deployment", "agenthub-api"), "8081", "/healthcheck");
    checkDeployment(find(documents, "Deployment", "agenthub-worker"), "8091", "/metrics");

    for (String name : List.of("agenthub-api", "agenthub-worker")) {
      JsonNode pdb = find(documents, "PodDisruptionBudget", name);
      JsonNode deployment = find(documents, "Deployment", name);
      assertThat(pdb.at("/spec/selector/matchLabels"))
          .isEqualTo(deployment.at("/spec/selector/matchLabels"));
    }
  }

  private static void checkDeployment(JsonNode deployment, String metricsPort, String readyPath) {
    JsonNode pod = deployment.at("/spec/template");
    assertThat(pod.at("/metadata/annotations/prometheus.io~1scrape").asText()).isEqualTo("true");
    assertThat(pod.at("/metadata/annotations/prometheus.io~1port").asText()).isEqualTo(metricsPort);
    assertThat(pod.at("/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
    JsonNode container = pod.at("/spec/containers/0");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo(readyPath);
    assertThat(container.has("livenessProbe")).isTrue();
    assertThat(container.at("/resources/requests/memory").asText()).isNotBlank();
    assertThat(container.at("/resources/limits/memory").asText()).isNotBlank();
    assertThat(container.at("/resources/requests/cpu").asText()).isNotBlank();
    assertThat(container.path("envFrom").toString()).contains("agenthub-env");
  }

  @Test
  void theTemporalCloudOverlayTargetsACloudNamespaceWithAnApiKeyFromASecret() {
    List<JsonNode> documents = render("deploy/k8s/overlays/temporal-cloud");
    assertThat(kinds(documents)).contains("Namespace", "Deployment", "Service", "ConfigMap");
    for (JsonNode d : documents) {
      if (!d.path("kind").asText().equals("Namespace")) {
        assertThat(d.at("/metadata/namespace").asText())
            .as("%s %s", d.path("kind").asText(), d.at("/metadata/name").asText())
            .isEqualTo("agenthub");
      }
    }
    JsonNode env = find(documents, "ConfigMap", "agenthub-env");
    assertThat(env.at("/data/TEMPORAL_ADDRESS").asText())
        .matches("[a-z0-9-]+\\.[a-z0-9-]+\\.tmprl\\.cloud:7233");
    assertThat(env.at("/data/TEMPORAL_NAMESPACE").asText())
        .isEqualTo(env.at("/data/TEMPORAL_ADDRESS").asText().replace(".tmprl.cloud:7233", ""));
    for (String name : List.of("agenthub-api", "agenthub-worker")) {
      JsonNode deployment = find(documents, "Deployment", name);
      JsonNode apiKey = null;
      for (JsonNode var : deployment.at("/spec/template/spec/containers/0/env")) {
        if (var.path("name").asText().equals("TEMPORAL_API_KEY")) {
          apiKey = var;
        }
      }
      assertThat(apiKey).as("TEMPORAL_API_KEY in %s", name).isNotNull();
      assertThat(apiKey.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("temporal-cloud");
      // The generated ConfigMap's hashed name is what the Deployment references.
      assertThat(
              deployment
                  .at("/spec/template/spec/containers/0/envFrom/0/configMapRef/name")
                  .asText())
          .isEqualTo(env.at("/metadata/name").asText());
    }
  }
}
