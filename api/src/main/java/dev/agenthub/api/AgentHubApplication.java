package dev.agenthub.api;

import dev.agenthub.api.cli.RunCommand;
import dev.agenthub.api.core.Engine;
import dev.agenthub.api.dev.DevCommand;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.io.PrintStream;

/** Agent Hub's API process, and the {@code dev} and {@code run} commands. */
public final class AgentHubApplication extends Application<AgentHubConfiguration> {

  private final PrintStream out;

  public AgentHubApplication() {
    this(System.out);
  }

  /** An application whose commands print their reports to {@code out} (tests capture it). */
  public AgentHubApplication(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    new AgentHubApplication().run(args);
  }

  @Override
  public String getName() {
    return "agenthub";
  }

  @Override
  public void initialize(Bootstrap<AgentHubConfiguration> bootstrap) {
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(
            bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    bootstrap.addCommand(new DevCommand(this));
    bootstrap.addCommand(new RunCommand(out));
  }

  @Override
  public void run(AgentHubConfiguration config, Environment environment) {
    Engine engine =
        new Engine(
            config.getTemporal(),
            config.getWorker(),
            config.getAgents(),
            config.isEmbeddedServer(),
            config.isEmbeddedServer() || config.isEmbeddedWorker());
    environment.lifecycle().manage(engine);
  }
}
