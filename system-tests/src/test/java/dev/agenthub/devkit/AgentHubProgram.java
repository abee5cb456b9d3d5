package dev.agenthub.devkit;

import dev.agenthub.telemetry.Telemetry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The {@code agenthub} program run in this JVM as its command line parses it, output captured. */
final class AgentHubProgram {

  /** What one command line did: its exit code and what it printed. */
  record Outcome(int exitCode, String out, String err) {}

  private AgentHubProgram() {}

  /** Runs {@code agenthub args...} to its end. */
  static Outcome run(String... args) {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
    int code =
        AgentHubCli.exitCode(
            new AgentHubMain(out, Telemetry::withoutTracing)
                .commandLine(new PrintStream(stderr, true, StandardCharsets.UTF_8))
                .run(args));
    return new Outcome(
        code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
  }
}
