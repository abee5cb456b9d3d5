package dev.agenthub.devkit;

import dev.agenthub.telemetry.Telemetry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The {@code agenthub} program run through Dropwizard's Cli in this JVM, its output captured. */
final class CommandLine {

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  /** Runs {@code agenthub args...}; the failure the Cli reports, if any. */
  Optional<Throwable> run(String... args) {
    PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
    return new AgentHubMain(out, Telemetry::withoutTracing)
        .commandLine(new PrintStream(stderr, true, StandardCharsets.UTF_8))
        .run(args);
  }

  /** Runs {@code agenthub args...}; the exit code the program would exit with. */
  int exitCode(String... args) {
    return AgentHubCli.exitCode(run(args));
  }

  /** What the program printed on standard output so far. */
  String out() {
    return stdout.toString(StandardCharsets.UTF_8);
  }

  /** What the program printed on standard error so far. */
  String err() {
    return stderr.toString(StandardCharsets.UTF_8);
  }
}
