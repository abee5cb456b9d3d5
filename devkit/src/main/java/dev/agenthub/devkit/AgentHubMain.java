package dev.agenthub.devkit;

import dev.agenthub.api.ApiApplication;
import dev.agenthub.api.ApiConfiguration;
import dev.agenthub.telemetry.Telemetry;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.util.function.Function;

/**
 * The {@code agenthub} program of a checkout: the API's {@code server} and {@code check}, plus
 * {@code dev} (Temporal, worker and API in one JVM) and {@code run} (one pipeline, printed) and
 * {@code pipelines validate|graph} (authoring, without a server).
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
    new AgentHubMain().run(args);
  }

  @Override
  public void initialize(Bootstrap<ApiConfiguration> bootstrap) {
    super.initialize(bootstrap);
    bootstrap.addCommand(new DevCommand(out, localTelemetry));
    bootstrap.addCommand(new RunCommand(out));
    bootstrap.addCommand(new PipelinesCommand(out));
  }
}
