package dev.agenthub.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.api.ApiConfiguration;
import dev.agenthub.telemetry.Telemetry;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run}'s failures before anything starts: one clean message, never a stack trace. */
class RunCommandTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  private Optional<Throwable> agenthub(String... args) {
    PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
    AgentHubMain application = new AgentHubMain(out, Telemetry::withoutTracing);
    Bootstrap<ApiConfiguration> bootstrap = new Bootstrap<>(application);
    application.initialize(bootstrap);
    Cli cli =
        new Cli(
            new JarLocation(getClass()),
            bootstrap,
            out,
            new PrintStream(stderr, true, StandardCharsets.UTF_8));
    return cli.run(args);
  }

  @Test
  void run_ofAnInvalidPipelineFile_printsEachErrorWithoutAStackTrace() throws Exception {
    Path file = dir.resolve("bad.yml");
    Files.writeString(
        file,
        """
        name: bad
        steps:
          - {id: a, agent: transform, with: {expression: "1"}}
          - {id: b, agent: transform, needs: [a], when: "input.(", with: {expression: "2"}}
        """);

    Optional<Throwable> error = agenthub("run", file.toString());

    String err = stderr.toString(StandardCharsets.UTF_8);
    assertThat(error).isPresent();
    assertThat(err)
        .isEqualTo(
            "pipeline "
                + file
                + " is invalid:\n"
                + "  steps[1].when: syntax error at column 7 in \"input.(\": no viable alternative"
                + " at input '.('"
                + System.lineSeparator());
    assertThat(stdout.toString(StandardCharsets.UTF_8)).doesNotContain("Exception", "\tat ");
  }
}
