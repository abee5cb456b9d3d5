package dev.agenthub.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.system.TestPorts;
import dev.agenthub.telemetry.ChildProcess;
import dev.agenthub.testing.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./agenthub run} as a user runs it, in its own JVM: the process ends soon after the run
 * does, although its embedded server and worker are stopped without waiting (README, "Start-up and
 * stop times").
 */
class RunProcessIT {

  /** The goal is 1 s; the bound leaves room for a loaded machine, not for a minute's timer. */
  private static final Duration EXIT_AFTER_RUN = Duration.ofSeconds(5);

  @TempDir Path dir;

  @Test
  void run_exitsWithZero_soonAfterTheRunSucceeded() throws Exception {
    List<String> args =
        List.of(
            "run",
            "research-brief",
            "--input",
            "{\"topic\": \"exit\"}",
            "--pipelines",
            "../pipelines",
            "--target",
            "127.0.0.1:" + TestPorts.free());
    try (ChildProcess run = ChildProcess.agenthub("run", args, Map.of(), dir)) {
      Poll.untilPresent(
          "Run succeeded.",
          Duration.ofSeconds(90),
          () -> {
            if (run.output().contains("Run succeeded.")) {
              return Optional.of(true);
            }
            run.assertAlive();
            return Optional.empty();
          });
      Instant succeeded = Instant.now();

      int code = run.waitFor(EXIT_AFTER_RUN);

      assertThat(code).as(run.output()).isZero();
      assertThat(Duration.between(succeeded, Instant.now())).isLessThan(EXIT_AFTER_RUN);
      assertThat(run.output()).doesNotContain("Exception", "ERROR");
    }
  }
}
