package dev.agenthub.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run}'s failures before anything starts: one clean message, never a stack trace. */
class RunCommandTest {

  @TempDir Path dir;

  private final CommandLine cli = new CommandLine();

  private Optional<Throwable> agenthub(String... args) {
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

    String err = cli.err();
    assertThat(error).isPresent();
    assertThat(err)
        .isEqualTo(
            "pipeline "
                + file
                + " is invalid:\n"
                + "  steps[1].when: syntax error at column 7 in \"input.(\": no viable alternative"
                + " at input '.('"
                + System.lineSeparator());
    assertThat(cli.out()).doesNotContain("Exception", "\tat ");
  }
}
