package dev.agenthub.devkit;

import dev.agenthub.api.ApiApplication;
import dev.agenthub.api.ApiConfiguration;
import dev.agenthub.telemetry.Telemetry;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.util.function.Function;

/**
 * The {@code agenthub} program of a checkout: the API's {@code server} and {@code check}, plus
 * {@code dev} (Temporal, worker and API in one JVM) and {@code run} (one pipeline, printed).
 */
public final class AgentHubMain extends ApiApplication<ApiConfiguration> {

  private final PrintStream out;
  private final Function<String, Telemetry> telemetry;

  public AgentHubMain() {
    this(System.out);
  }

  /** A program whose commands print their reports to {@code out} (tests capture it). */
  public AgentHubMain(PrintStream out) {
    this(out, Telemetry::start);
  }

  /** A program whose processes get their telemetry from {@code telemetry}, given a name. */
  public AgentHubMain(PrintStream out, Function<String, Telemetry> telemetry) {
    super(telemetry);
    this.out = out;
    this.telemetry = telemetry;
  }

  public static void main(String[] args) throws Exception {
    new AgentHubMain().run(args);
  }

  @Override
  public void initialize(Bootstrap<ApiConfiguration> bootstrap) {
    super.initialize(bootstrap);
    bootstrap.addCommand(new DevCommand(out, telemetry));
    bootstrap.addCommand(new RunCommand(out));
  }
}
