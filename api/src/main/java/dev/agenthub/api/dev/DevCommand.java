package dev.agenthub.api.dev;

import dev.agenthub.api.AgentHubApplication;
import dev.agenthub.api.AgentHubConfiguration;
import dev.agenthub.api.auth.DevApiKey;
import dev.agenthub.shared.agents.AgentCatalog;
import dev.agenthub.shared.pipeline.PipelineCatalog;
import dev.agenthub.shared.pipeline.PipelineDefinition;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code dev [config.yml]}: the whole platform in one JVM: the embedded Temporal test server on the
 * configured target port (7233 by default), a worker, and the API. State lives in memory.
 */
public final class DevCommand extends ServerCommand<AgentHubConfiguration> {

  private DevApiKey devKey;

  public DevCommand(AgentHubApplication application) {
    super(
        application,
        "dev",
        "Runs the embedded Temporal server, a worker and the API in one JVM (state in memory)");
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser
        .addArgument("--server")
        .choices(DevServer.EMBEDDED.cliName(), DevServer.TEMPORAL_CLI.cliName())
        .setDefault(DevServer.EMBEDDED.cliName())
        .help(
            "embedded: the SDK's test server in this JVM, state in memory (default); temporal-cli:"
                + " the Temporal CLI dev server, SQLite under .state/ and the Temporal UI");
  }

  @Override
  protected void run(
      Bootstrap<AgentHubConfiguration> bootstrap,
      Namespace namespace,
      AgentHubConfiguration configuration)
      throws Exception {
    // Tests run this command without parsing a command line: no --server means the default.
    String server = namespace.getString("server");
    configuration.setDevServer(
        server == null
            ? DevServer.EMBEDDED
            : DevServer.valueOf(server.toUpperCase(Locale.ROOT).replace('-', '_')));
    configuration.setEmbeddedWorker(true);
    devKey = DevApiKey.create();
    configuration.getAuth().addKey(devKey.entry());
    super.run(bootstrap, namespace, configuration);
  }

  @Override
  protected void run(
      Environment environment, Namespace namespace, AgentHubConfiguration configuration)
      throws Exception {
    List<String> pipelines =
        PipelineCatalog.loadDirectory(
                Path.of(configuration.getPipelinesDir()), AgentCatalog.builtIn())
            .valid()
            .stream()
            .map(PipelineDefinition::name)
            .toList();
    environment
        .lifecycle()
        .addServerLifecycleListener(
            server ->
                DevBanner.print(
                    System.out,
                    server,
                    configuration.getDevServer(),
                    configuration.getTemporal(),
                    pipelines,
                    devKey));
    super.run(environment, namespace, configuration);
  }
}
