package dev.agenthub.devkit;

import dev.agenthub.api.ApiApplication;
import dev.agenthub.api.ApiConfiguration;
import dev.agenthub.telemetry.Telemetry;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.util.function.Function;

/**
 * The {@code agenthub} program of a checkout: the API's {@code server} and {@code check}, plus
 * {@code dev} (Temporal, worker and API in one JVM), {@code run} (one pipeline, printed), {@code
 * runs ...} and {@code pipelines list|show} (operator commands over the API), {@code pipelines
 * validate|graph} (authoring, without a server) and {@code worker}.
 */
public final class AgentHubMain extends ApiApplication<ApiConfiguration> {

  private final PrintStream out;
  private final Function<String, Telemetry> localTelemetry;

  public AgentHubMain() {
    this(System.out);
  }

  /**
   * A program whose commands print their reports to {@code out} (tests capture it). {@code server}
   * exports traces and logs as a production process does; {@code dev} only when an OTLP endpoint is
   * configured ({@link Telemetry#startLocal}).
   */
  public AgentHubMain(PrintStream out) {
    this(out, Telemetry::start, Telemetry::startLocal);
  }

  /** A program whose processes get their telemetry from {@code telemetry}, given a name. */
  public AgentHubMain(PrintStream out, Function<String, Telemetry> telemetry) {
    this(out, telemetry, telemetry);
  }

  private AgentHubMain(
      PrintStream out,
      Function<String, Telemetry> serverTelemetry,
      Function<String, Telemetry> localTelemetry) {
    super(serverTelemetry);
    this.out = out;
    this.localTelemetry = localTelemetry;
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("run")) {
      RunWarmUp.startInBackground();
    }
    new AgentHubMain().run(args);
  }

  /**
   * Runs the command line and exits with its code (see {@link AgentHubCli#exitCode}). A command
   * that serves ({@code server}, {@code dev}) keeps the process alive after it returns; {@code run}
   * ends it at once ({@link #exitsWhenDone}).
   */
  @Override
  public void run(String... arguments) {
    int code = AgentHubCli.exitCode(commandLine(System.err).run(arguments));
    if (code != 0 || exitsWhenDone(arguments)) {
      System.exit(code);
    }
  }

  /**
   * Whether the process exits as soon as the command returns, even when it succeeded: {@code run},
   * whose embedded Temporal server and worker are stopped without waiting ({@link
   * LocalTemporal#close}) and may leave a thread behind (a timer of the SDK's server) that would
   * keep the process alive for up to a minute.
   */
  static boolean exitsWhenDone(String... arguments) {
    return arguments.length > 0 && arguments[0].equals("run");
  }

  /**
   * This program's command line, printing to {@code out} and {@code err} (tests read them). The
   * JVM's metrics are registered only when a command that reads a Dropwizard configuration ({@code
   * server}, {@code check}, {@code dev}) runs ({@link AgentHubCli#run}): the others end by
   * themselves and would only pay for them at start-up.
   */
  AgentHubCli commandLine(PrintStream err) {
    Bootstrap<ApiConfiguration> bootstrap = new Bootstrap<>(this);
    addDefaultCommands(bootstrap);
    initialize(bootstrap);
    return new AgentHubCli(bootstrap, out, err);
  }

  @Override
  public void initialize(Bootstrap<ApiConfiguration> bootstrap) {
    super.initialize(bootstrap);
    bootstrap.addCommand(new DevCommand(out, localTelemetry));
    bootstrap.addCommand(new RunCommand(out));
    bootstrap.addCommand(new RunsCommand(out, System.getenv()));
    bootstrap.addCommand(new PipelinesCommand(out, System.getenv()));
    bootstrap.addCommand(new WorkerCommand());
  }
}
