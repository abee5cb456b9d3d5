package dev.agenthub.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.telemetry.ChildProcess;
import dev.agenthub.testing.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shell example of the README that calls the API of {@code ./agenthub dev} runs as written:
 * each {@code ```bash} or {@code ```sh} block that names {@code localhost:8080} runs in {@code bash
 * -e} against {@code dev} (a child JVM, as users start it, on the README's example pipelines), with
 * {@code AGENTHUB_KEY} set as the README says. Every other shell block must be listed in {@link
 * #NOT_RUN} with the reason, so a new example is either run here or consciously left out.
 */
class ReadmeExamplesIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String KEY = "ahk_readme-examples-test-key";
  private static final Pattern SHELL_BLOCK =
      Pattern.compile("(?m)^ *```(?:bash|sh)\\n(.*?)^ *```", Pattern.DOTALL);

  /** Blocks not run here, by a text they contain, with the reason. */
  private static final Map<String, String> NOT_RUN =
      Map.of(
          "./agenthub dev\n", "starts dev: this test starts it itself, as a child JVM",
          "./mvnw verify", "the build and its tests",
          "./agenthub run ", "runs a pipeline from the command line: RunCommandIT",
          "./agenthub pipelines ", "validate and graph: PipelinesCommandTest",
          "./agenthub runs ", "operator commands on placeholder run ids: OperatorCommandsIT",
          "docker compose", "needs Docker; ComposeConfigTest and ComposeSchemaTest check the files",
          "kubectl apply", "needs a Kubernetes cluster; KustomizeTest renders the overlay",
          "ScrapeSizeBenchmark", "a benchmark, minutes of CPU",
          "scripts/bench-throughput.sh", "a benchmark, minutes of CPU; a program, not a test",
          "scripts/install-python-agents.sh",
              "the own-agents walkthrough (Temporal CLI server, Python worker): OwnAgentsIT");

  /**
   * API blocks that need more than {@code dev} on the embedded server, by a text they contain, with
   * the test that runs the same calls.
   */
  private static final Map<String, String> API_NOT_RUN =
      Map.of(
          "/api/v1/schedules/",
              "schedules need the Temporal CLI dev server (501 on the embedded one): SchedulesIT",
          "X-Hub-Signature-256: $SIG",
              "needs a pipeline with on: and a signing source in the config: EventsIT");

  @TempDir static Path home;
  private static ChildProcess dev;
  private static int port;

  @BeforeAll
  static void startDev() throws Exception {
    port = TestPorts.free();
    Path config = home.resolve("dev.yml");
    Files.writeString(
        config,
        """
        server:
          applicationConnectors: [{type: http, port: %d}]
          adminConnectors: [{type: http, port: %d}]
        temporal:
          target: 127.0.0.1:%d
        worker:
          virtualThreads: false
        """
            .formatted(port, TestPorts.free(), TestPorts.free()));
    dev =
        ChildProcess.agenthub(
            "dev",
            List.of("dev", config.toString()),
            Map.of(
                "AGENTHUB_HOME", home.toString(),
                "AGENTHUB_PIPELINES_DIR", TestTools.repoRoot().resolve("pipelines").toString(),
                "AGENTHUB_DEV_API_KEY", KEY),
            home);
    ApiTestClient api = new ApiTestClient(port);
    ChildProcess.await(
        "dev to serve",
        WAIT,
        () -> Optional.of(api.get("/api/v1/pipelines", KEY)).filter(r -> r.status() == 200),
        dev);
  }

  @AfterAll
  static void stop() throws Exception {
    if (dev != null) {
      dev.close();
    }
  }

  @Test
  void apiExamples_runAsWritten_andReachWhatTheReadmeDescribes() throws Exception {
    List<String> apiBlocks = new ArrayList<>();
    for (String block : shellBlocks()) {
      if (block.contains("localhost:8080")) {
        if (API_NOT_RUN.keySet().stream().noneMatch(block::contains)) {
          apiBlocks.add(block);
        }
      } else {
        assertThat(NOT_RUN.keySet())
            .as("a README shell block that is neither run here nor listed in NOT_RUN:%n%s", block)
            .anyMatch(block::contains);
      }
    }
    assertThat(apiBlocks).as("README blocks that call the API").hasSizeGreaterThanOrEqualTo(2);

    StringBuilder outputs = new StringBuilder();
    for (String block : apiBlocks) {
      Result result = runAsAUserWould(block);
      assertThat(result.exit())
          .as("exit status of%n%s%noutput:%n%s", block, result.output())
          .isZero();
      assertThat(result.output())
          .as("output of%n%s", block)
          .isNotBlank()
          // An API error (a step's own "error" in a run view is not one).
          .doesNotContain("{\"error\":{\"code\"");
      outputs.append(result.output()).append('\n');
    }

    String all = outputs.toString();
    assertThat(all)
        .as(
            "research-brief started and shown, the approval accepted and followed to its close,"
                + " the fetch step retrying")
        .contains("\"pipeline\":\"research-brief\"")
        .contains("\"action\":\"approve\"")
        .contains("event: approval_waiting")
        .contains("event: run_closed")
        .contains("\"activity\":{");
    Matcher retry = Pattern.compile("\"workflowId\":\"([^\"]+\\.retry)\"").matcher(all);
    assertThat(retry.find()).as("the operator's retry started: %s", all).isTrue();
    ApiTestClient api = new ApiTestClient(port);
    JsonNode retried =
        Poll.until(
            "the retry " + retry.group(1) + " to settle",
            WAIT,
            () -> api.get("/api/v1/runs/" + retry.group(1), KEY).body(),
            run -> run != null && !run.path("status").asText().equals("running"));
    assertThat(retried.path("status").asText()).isEqualTo("succeeded");
    assertThat(retried.at("/steps/0/attempts").asInt())
        .as("the retry succeeds on its third attempt")
        .isEqualTo(3);
  }

  @Test
  void devStart_printsNoLogbackAccessVersionWarning() {
    assertThat(dev.output())
        .contains("Agent Hub dev is up")
        .doesNotContain("logback-access")
        .doesNotContain("are different!")
        .doesNotContain("Expected version of");
  }

  private record Result(int exit, String output) {}

  /**
   * Runs {@code block} in bash as pasted into a terminal, with two substitutions a user makes by
   * hand: the key dev printed (the README's {@code export AGENTHUB_KEY=ahk_...} placeholder) and
   * the port (this test's dev listens on a free port, not 8080).
   */
  private static Result runAsAUserWould(String block) throws Exception {
    String script =
        block
            .replaceAll("(?m)^export AGENTHUB_KEY=ahk_\\.\\.\\..*$", "")
            .replace("localhost:8080", "localhost:" + port);
    Path output = Files.createTempFile(home, "block", ".out");
    ProcessBuilder bash =
        new ProcessBuilder("bash", "-e", "-c", script)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    bash.environment().put("AGENTHUB_KEY", KEY);
    Process process = bash.start();
    boolean ended = process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
      throw new AssertionError(
          "still running after "
              + WAIT
              + ":\n"
              + script
              + "\noutput:\n"
              + Files.readString(output));
    }
    return new Result(process.exitValue(), Files.readString(output));
  }

  private static List<String> shellBlocks() throws IOException {
    String readme = Files.readString(TestTools.repoRoot().resolve("README.md"));
    List<String> blocks = new ArrayList<>();
    Matcher matcher = SHELL_BLOCK.matcher(readme);
    while (matcher.find()) {
      blocks.add(matcher.group(1));
    }
    return blocks;
  }
}
