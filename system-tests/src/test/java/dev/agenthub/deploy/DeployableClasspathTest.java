package dev.agenthub.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What each image ships: the libraries Maven copies beside each runnable jar ({@code target/lib}),
 * which the Dockerfiles copy as they are. The reactor packages the worker, the API and the dev kit
 * before these tests run.
 */
class DeployableClasspathTest {

  @Test
  void theWorkerShipsNoHttpServerAndNoTestServer() throws IOException {
    List<String> worker = libraries("worker");

    assertThat(worker).contains(jar("agenthub-contracts"), jar("agenthub-telemetry"));
    assertThat(worker).anyMatch(name -> name.startsWith("temporal-sdk-"));
    assertThat(worker)
        .noneMatch(name -> name.startsWith("jetty-"))
        .noneMatch(name -> name.startsWith("jersey-"))
        .noneMatch(name -> name.startsWith("dropwizard-core-"))
        .noneMatch(name -> name.startsWith("temporal-test-server-"));
  }

  @Test
  void theApiShipsNoWorkerAndNoTestServer() throws IOException {
    List<String> api = libraries("api");

    assertThat(api).contains(jar("agenthub-contracts"), jar("agenthub-telemetry"));
    assertThat(api).anyMatch(name -> name.startsWith("dropwizard-core-"));
    assertThat(api)
        .noneMatch(name -> name.startsWith("agenthub-worker"))
        .noneMatch(name -> name.startsWith("temporal-test-server-"));
  }

  @Test
  void onlyTheDevKitCarriesTheTestServer() throws IOException {
    assertThat(libraries("devkit"))
        .contains(jar("agenthub-api"), jar("agenthub-worker"))
        .anyMatch(name -> name.startsWith("temporal-test-server-"));
  }

  private static String jar(String artifact) {
    return artifact + "-0.1.0-SNAPSHOT.jar";
  }

  private static List<String> libraries(String module) throws IOException {
    Path lib = RepoFiles.path(module).resolve("target/lib");
    assertThat(lib).as("%s is packaged (run ./mvnw verify from the root)", lib).isDirectory();
    try (Stream<Path> files = Files.list(lib)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }
}
