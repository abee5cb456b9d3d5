package dev.agenthub.devkit;

import dev.agenthub.api.ApiConfiguration;
import dev.agenthub.telemetry.Telemetry;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
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

  /** What the program printed on standard output so far. */
  String out() {
    return stdout.toString(StandardCharsets.UTF_8);
  }

  /** What the program printed on standard error so far. */
  String err() {
    return stderr.toString(StandardCharsets.UTF_8);
  }
}
