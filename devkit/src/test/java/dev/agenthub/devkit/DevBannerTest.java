package dev.agenthub.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.dsl.PipelineCatalog;
import dev.agenthub.temporal.TemporalSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevBannerTest {

  @TempDir Path dir;

  @Test
  void print_listsInvalidPipelineFilesWithTheirFirstError_andWhereTracesGo() throws Exception {
    Files.writeString(
        dir.resolve("ok.yml"),
        "name: ok\nsteps:\n  - {id: p, type: sleep, with: {duration: 1s}}\n");
    Files.writeString(dir.resolve("broken.yml"), "name: broken\nsteps:\n  - {id: x, agent: lm}\n");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Server server = new Server();
    ServerConnector admin = new ServerConnector(server);
    admin.setName("admin");
    admin.setPort(0);
    server.addConnector(admin);
    server.start();
    try {
      DevBanner.print(
          new PrintStream(bytes, true, StandardCharsets.UTF_8),
          server,
          DevServer.EMBEDDED,
          TemporalSettings.defaults(),
          PipelineCatalog.loadDirectory(dir, AgentCatalog.builtIn()),
          DevApiKey.create(Map.of(DevApiKey.ENV, "ahk_fixed"), new SecureRandom()),
          "not exported");
    } finally {
      server.stop();
    }

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("  Pipelines         : ok\n")
        .contains(
            "  Not loaded        : broken.yml: steps[0].agent: unknown agent \"lm\" (known: http,"
                + " llm, notify, transform)\n")
        .contains("  Traces and logs   : not exported\n")
        // Every label ends in the same column.
        .containsPattern("\n  HTTP admin        : http://localhost:[0-9]+\n");
  }
}
