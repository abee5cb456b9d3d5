package dev.agenthub.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.serviceclient.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The program's own help, version and exit codes, driven through its command line. */
class AgentHubCliTest {

  private final CommandLine cli = new CommandLine();

  @Test
  void help_namesTheProgramAgenthub_andListsEveryCommandWithOneLine() {
    int code = cli.exitCode("--help");

    assertThat(code).isZero();
    assertThat(cli.out())
        .startsWith("usage: agenthub ")
        .doesNotContain("java -jar")
        .containsPattern("\\n    server +Runs")
        .containsPattern("\\n    check +Parses")
        .containsPattern("\\n    dev +Runs a Temporal server")
        .containsPattern("\\n    run +Runs a +pipeline")
        .containsPattern("\\n    runs +Lists, shows, follows")
        .containsPattern("\\n    pipelines +Lists, shows, validates")
        .containsPattern("\\n    worker +Runs a worker alone");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "server",
        "check",
        "dev",
        "run",
        "worker",
        "runs",
        "runs list",
        "runs show",
        "runs follow",
        "runs history",
        "runs approve",
        "runs reject",
        "runs cancel",
        "runs retry",
        "runs rerun",
        "runs terminate",
        "pipelines",
        "pipelines list",
        "pipelines show",
        "pipelines validate",
        "pipelines graph"
      })
  void help_ofEachCommand_printsItsUsageAndAnExample(String command) {
    String[] words = (command + " --help").split(" ");

    int code = cli.exitCode(words);

    assertThat(code).isZero();
    assertThat(cli.out()).startsWith("usage: agenthub " + command).contains("Example");
  }

  @Test
  void version_printsAgentHubsVersionAndTheTemporalSdks() {
    int code = cli.exitCode("--version");

    assertThat(code).isZero();
    assertThat(cli.out())
        .matches("agenthub \\d+\\.\\d+\\.\\d+\\S* \\(Temporal Java SDK \\S+\\)\\R")
        .contains("Temporal Java SDK " + Version.LIBRARY_VERSION);
  }

  @Test
  void anUnknownCommand_exitsTwo_withTheUsage() {
    int code = cli.exitCode("launch");

    assertThat(code).isEqualTo(CommandFailure.USAGE);
    assertThat(cli.err()).contains("invalid choice: 'launch'").contains("usage: agenthub");
  }

  @Test
  void anUnreachableApi_exitsOne_withAMessageThatSaysWhere() {
    int code = cli.exitCode("runs", "list", "--url", "http://127.0.0.1:1", "--key", "k");

    assertThat(code).isEqualTo(CommandFailure.FAILED);
    assertThat(cli.err())
        .startsWith("cannot reach the Agent Hub API at http://127.0.0.1:1")
        .doesNotContain("Exception");
  }
}
