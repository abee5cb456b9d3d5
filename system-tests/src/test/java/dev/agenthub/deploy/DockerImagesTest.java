package dev.agenthub.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The api and worker Dockerfiles, their .dockerignore and the health-check helper they ship. */
class DockerImagesTest {

  private static List<String> fromLines(String dockerfile) {
    return RepoFiles.read(RepoFiles.path(dockerfile))
        .lines()
        .filter(l -> l.startsWith("FROM "))
        .toList();
  }

  @Test
  void imagesAreMultiStageOnPinnedBaseImages() {
    for (String dockerfile : List.of("api/Dockerfile", "worker/Dockerfile")) {
      List<String> from = fromLines(dockerfile);
      assertThat(from).as(dockerfile).hasSizeGreaterThanOrEqualTo(2);
      for (String line : from) {
        ComposeStackTest.assertPinned(dockerfile, line.split("\\s+")[1]);
      }
      assertThat(from.get(0))
          .contains("maven:")
          .contains("eclipse-temurin-21")
          .endsWith("AS build");
      assertThat(from.get(from.size() - 1)).matches("FROM eclipse-temurin:21\\.[0-9._]+-jre-\\w+");
    }
  }

  @Test
  void imagesRunAsANonRootUserWithAHealthCheckAndContainerAwareHeap() {
    check("api/Dockerfile", "http-ok\", \"8081\", \"/healthcheck", "-jar /opt/agenthub/app.jar");
    check(
        "worker/Dockerfile",
        "http-ok\", \"8091\", \"/healthcheck",
        "-cp '/opt/agenthub/app.jar:/opt/agenthub/agents/lib/*' dev.agenthub.worker.WorkerMain");
    assertThat(RepoFiles.read(RepoFiles.path("worker/Dockerfile")))
        .contains("CMD [\"/etc/agenthub/worker.yml\"]");
  }

  private static void check(String dockerfile, String healthcheck, String launch) {
    String text = RepoFiles.read(RepoFiles.path(dockerfile));
    assertThat(text).contains("USER 10001:10001", "HEALTHCHECK", healthcheck, launch);
    assertThat(text).contains("-XX:MaxRAMPercentage=");
    assertThat(text).contains("mvn -B -ntp -q dependency:go-offline");
    // Each image builds only its own module and what it depends on.
    String module = dockerfile.substring(0, dockerfile.indexOf('/'));
    assertThat(text).contains("-pl " + module + " -am");
    // Only the jar and its libraries come from the build stage.
    assertThat(text.lines().filter(l -> l.startsWith("COPY --from=build")).toList())
        .containsExactly(
            "COPY --from=build /out/lib/ lib/", "COPY --from=build /out/app.jar app.jar");
    // Every file copied from the context exists and is not excluded by .dockerignore.
    text.lines()
        .filter(l -> l.startsWith("COPY ") && !l.startsWith("COPY --from"))
        .map(l -> l.replaceAll("--chmod=\\S+ ", "").split("\\s+")[1])
        .forEach(
            source -> {
              assertThat(RepoFiles.path(source)).as("%s: COPY %s", dockerfile, source).exists();
              assertThat(source).doesNotStartWith("observability").doesNotStartWith("ui-tests");
            });
  }

  @Test
  void theBuildContextLeavesOutBuildOutputAndSecrets() {
    List<String> ignored = RepoFiles.read(RepoFiles.path(".dockerignore")).lines().toList();
    assertThat(ignored).contains(".git", "**/target", ".env", "node_modules");
  }

  @Test
  void theHealthCheckHelperTellsHealthyFromUnhealthy() throws IOException {
    Path script = RepoFiles.path("deploy/docker/http-ok");
    assertThat(Files.isExecutable(script)).isTrue();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          int status = exchange.getRequestURI().getPath().equals("/healthcheck") ? 200 : 500;
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
    try {
      String port = Integer.toString(server.getAddress().getPort());
      assertThat(Tools.run(List.of("bash", script.toString(), port, "/healthcheck")).exitCode())
          .isZero();
      assertThat(Tools.run(List.of("bash", script.toString(), port, "/broken")).exitCode())
          .isNotZero();
    } finally {
      server.stop(0);
    }
    // Nothing listening: unhealthy, not hanging.
    assertThat(Tools.run(List.of("bash", script.toString(), "1", "/")).exitCode()).isNotZero();
  }
}
