package dev.agenthub.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.api.ApiConfiguration;
import dev.agenthub.system.TestPorts;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./agenthub run} as a user runs it: the command line parsed by Dropwizard's CLI, the
 * pipelines from the repository's {@code pipelines/} directory, and an embedded Temporal server
 * started on a free port because nothing listens there.
 */
class RunCommandIT {

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private String target;

  @BeforeEach
  void pickFreePort() {
    target = "127.0.0.1:" + TestPorts.free();
  }

  private Optional<Throwable> agenthub(String... args) {
    PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
    AgentHubMain application = new AgentHubMain(out);
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

  private String out() {
    return stdout.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return stderr.toString(StandardCharsets.UTF_8);
  }

  @Test
  void researchBrief_runsToCompletion_andPrintsStepsOutputAndCost() {
    Optional<Throwable> error =
        agenthub(
            "run", "research-brief",
            "--input", "{\"topic\":\"durable execution\"}",
            "--pipelines", "../pipelines",
            "--target", target);

    assertThat(error).as(err()).isEmpty();
    assertThat(out())
        .contains("embedded Temporal server on " + target)
        .containsPattern("succeeded\\s+outline\\s+llm\\s+1 attempt")
        .containsPattern("succeeded\\s+draft\\s+llm")
        .containsPattern("succeeded\\s+stats\\s+transform")
        .containsPattern("skipped\\s+announce\\s+notify.*no webhook configured")
        .contains("\"topic\" : \"durable execution\"")
        .containsPattern(
            "Tokens: [1-9][0-9]* input, [1-9][0-9]* output\\. Cost: \\$0\\.00[0-9]*[1-9]")
        .contains("Run succeeded.");
  }

  @Test
  void failingRun_printsTheFailedStepAndFails() throws IOException {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().code(404).body("no such page").build());
      server.start();

      Optional<Throwable> error =
          agenthub(
              "run",
              "flaky-http",
              "--input",
              "{\"url\":\"" + server.url("/missing") + "\"}",
              "--pipelines",
              "../pipelines",
              "--target",
              target);

      assertThat(error).isPresent();
      assertThat(err()).contains("Run failed: step \"fetch\" failed: AgentClientError");
      assertThat(out())
          .containsPattern("failed\\s+fetch\\s+http\\s+1 attempt")
          .containsPattern("skipped\\s+summarise");
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void invalidInput_isRejectedBeforeAnythingStarts() {
    Optional<Throwable> error =
        agenthub(
            "run",
            "research-brief",
            "--input",
            "{\"topik\":1}",
            "--pipelines",
            "../pipelines",
            "--target",
            target);

    assertThat(error).isPresent();
    assertThat(err()).contains("invalid input for pipeline research-brief");
    assertThat(out()).doesNotContain("Run ");
  }

  @Test
  void unknownPipeline_listsTheKnownOnes() {
    Optional<Throwable> error =
        agenthub("run", "nope", "--pipelines", "../pipelines", "--target", target);

    assertThat(error).isPresent();
    assertThat(err()).contains("no pipeline named nope").contains("research-brief");
  }
}
