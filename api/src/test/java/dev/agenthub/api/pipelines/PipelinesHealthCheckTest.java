package dev.agenthub.api.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck.Result;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.dsl.PipelineCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelinesHealthCheckTest {

  private static final String VALID =
      """
      name: %s
      steps:
        - id: pause
          type: sleep
          with: {duration: 1s}
      """;

  @TempDir Path dir;

  @Test
  void check_isHealthy_listingTheCount_whenEveryFileLoads() throws IOException {
    Files.writeString(dir.resolve("a.yml"), VALID.formatted("a"));
    Files.writeString(dir.resolve("b.yaml"), VALID.formatted("b"));

    Result result = check();

    assertThat(result.isHealthy()).isTrue();
    assertThat(result.getMessage()).isEqualTo("2 pipelines loaded");
  }

  @Test
  void check_isUnhealthy_namingEachInvalidFileAndItsFirstError() throws IOException {
    Files.writeString(dir.resolve("a.yml"), VALID.formatted("a"));
    Files.writeString(dir.resolve("broken.yml"), "name: [unclosed");
    Files.writeString(dir.resolve("dup.yml"), VALID.formatted("a"));

    Result result = check();

    assertThat(result.isHealthy()).isFalse();
    assertThat(result.getMessage())
        .startsWith("2 pipeline files are invalid (1 valid): broken.yml: ")
        .contains("; dup.yml: name: duplicate pipeline name \"a\" (already defined in a.yml)");
  }

  @Test
  void check_readsTheCurrentCatalog_fromASupplier() throws IOException {
    Files.writeString(dir.resolve("a.yml"), VALID.formatted("a"));

    Result result =
        new PipelinesHealthCheck(() -> PipelineCatalog.loadDirectory(dir, AgentCatalog.builtIn()))
            .execute();

    assertThat(result.getMessage()).isEqualTo("1 pipeline loaded");
  }

  private Result check() {
    return new PipelinesHealthCheck(PipelineCatalog.loadDirectory(dir, AgentCatalog.builtIn()))
        .execute();
  }
}
