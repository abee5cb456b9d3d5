package dev.agenthub.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.api.ApiConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OpenAPI document says what the API does: schemathesis ({@code st}, installed by {@code
 * scripts/install-test-tools.sh}) generates requests from {@code /api/v1/openapi.json}, positive
 * and negative, with every check on, against the whole dev app with an operator key, and finds
 * nothing. The three things the document cannot say are allowed per operation in {@code
 * schemathesis/schemathesis.toml}. The seed is fixed, and the number of examples bounded (about a
 * minute on two cores).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class OpenApiConformanceIT {

  static final String SEED = "20261130";
  static final String EXAMPLES_PER_OPERATION = "25";

  static final DropwizardAppExtension<ApiConfiguration> APP =
      new DropwizardAppExtension<>(
          DevApps.support(
              ResourceHelpers.resourceFilePath("api-it.yml"),
              ConfigOverride.config("alerts.token", "alerts-token")));

  @Test
  void schemathesis_findsNoMismatch_withEveryCheck() throws Exception {
    Path st = TestTools.require("st", "run scripts/install-test-tools.sh (schemathesis from PyPI)");
    Run run = schemathesis(st);
    System.out.println(summary(run.report()));

    assertThat(run.exitCode()).as(run.report()).isZero();
    // Warnings (a route only an admin may call, runs that do not exist) are not findings.
    assertThat(run.report()).contains("Test cases:").doesNotContain("Failures:");
  }

  private record Run(int exitCode, String report) {}

  private static Run schemathesis(Path st) throws Exception {
    Path config = Path.of(ResourceHelpers.resourceFilePath("schemathesis/schemathesis.toml"));
    Path output = Files.createTempFile("schemathesis", ".log");
    List<String> command =
        List.of(
            st.toString(),
            "--config-file",
            config.toString(),
            "run",
            "http://127.0.0.1:" + APP.getLocalPort() + "/api/v1/openapi.json",
            "--header",
            "Authorization: Bearer " + ApiTestClient.OPERATOR,
            "--checks",
            "all",
            "--max-examples",
            EXAMPLES_PER_OPERATION,
            "--seed",
            SEED,
            "--generation-database",
            "none",
            // One worker: CPython 3.11.7 (this machine's) corrupts its AST recursion counter when
            // two threads parse at once ("SystemError: AST constructor recursion depth mismatch",
            // cpython gh-106905), and Hypothesis parses source to describe its filters.
            "--workers",
            "1",
            "--no-color",
            "--request-timeout",
            "10");
    Process process =
        new ProcessBuilder(command)
            // schemathesis writes its reports and state into the working directory.
            .directory(Files.createTempDirectory("schemathesis").toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    process.getOutputStream().close();
    boolean exited = process.waitFor(5, TimeUnit.MINUTES);
    if (!exited) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(exited).as("schemathesis finished within 5 minutes").isTrue();
    return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
  }

  /** The report from its SUMMARY line on (the test cases run, the checks and their outcome). */
  private static String summary(String report) {
    int at = report.indexOf("SUMMARY");
    return at < 0 ? report : report.substring(Math.max(0, report.lastIndexOf('\n', at)));
  }
}
