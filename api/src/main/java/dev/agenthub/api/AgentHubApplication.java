package dev.agenthub.api;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.agenthub.api.alerts.AlertsResource;
import dev.agenthub.api.auth.ApiAuth;
import dev.agenthub.api.cli.RunCommand;
import dev.agenthub.api.core.Engine;
import dev.agenthub.api.core.Listing;
import dev.agenthub.api.core.RunLinks;
import dev.agenthub.api.core.RunService;
import dev.agenthub.api.core.TemporalRunService;
import dev.agenthub.api.dev.DevCommand;
import dev.agenthub.api.dev.DevServer;
import dev.agenthub.api.dev.EmbeddedTemporalServer;
import dev.agenthub.api.dev.TemporalCliServer;
import dev.agenthub.api.errors.ApiErrors;
import dev.agenthub.api.health.PipelinesHealthCheck;
import dev.agenthub.api.health.TemporalHealthCheck;
import dev.agenthub.api.metrics.HttpServerMetrics;
import dev.agenthub.api.metrics.MetricsServlet;
import dev.agenthub.api.resources.DevFlakyResource;
import dev.agenthub.api.resources.OpenApiResource;
import dev.agenthub.api.resources.PipelinesResource;
import dev.agenthub.api.resources.RunsResource;
import dev.agenthub.api.telemetry.HttpServerTracing;
import dev.agenthub.shared.agents.AgentCatalog;
import dev.agenthub.shared.pipeline.PipelineCatalog;
import dev.agenthub.shared.telemetry.Telemetry;
import dev.agenthub.workers.agents.BuiltInAgents;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.Function;

/** Agent Hub's API process, and the {@code dev} and {@code run} commands. */
public final class AgentHubApplication extends Application<AgentHubConfiguration> {

  private final PrintStream out;
  private final Function<String, Telemetry> telemetry;

  public AgentHubApplication() {
    this(System.out);
  }

  /** An application whose commands print their reports to {@code out} (tests capture it). */
  public AgentHubApplication(PrintStream out) {
    this(out, Telemetry::start);
  }

  /**
   * An application whose API process gets its telemetry from {@code telemetry} (given the service
   * name); tests pass one that records spans in memory.
   */
  public AgentHubApplication(PrintStream out, Function<String, Telemetry> telemetry) {
    this.out = out;
    this.telemetry = telemetry;
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
    // Times on the wire are ISO-8601 strings ("2026-11-25T03:15:34.014Z"), not epoch numbers.
    bootstrap.getObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(
            bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    bootstrap.addCommand(new DevCommand(this));
    bootstrap.addCommand(new RunCommand(out));
  }

  /** The Temporal server {@code dev} runs, or null when the process only connects to one. */
  private static Managed devServer(AgentHubConfiguration config) {
    int port = Engine.portOf(config.getTemporal().target());
    return switch (config.getDevServer()) {
      case NONE -> null;
      case EMBEDDED -> new EmbeddedTemporalServer(port);
      case TEMPORAL_CLI -> {
        Path home = Path.of(System.getenv().getOrDefault("AGENTHUB_HOME", "."));
        yield new TemporalCliServer(
            TemporalCliServer.locateBinary(home),
            home.resolve(".state/temporal-dev.db"),
            port,
            TemporalCliServer.uiPortOf(config.getTemporal().uiBaseUrl()));
      }
    };
  }

  private static Managed onStop(Runnable action) {
    return new Managed() {
      @Override
      public void stop() {
        action.run();
      }
    };
  }

  @Override
  public void run(AgentHubConfiguration config, Environment environment) {
    boolean dev = config.getDevServer() != DevServer.NONE;
    Telemetry telemetry = this.telemetry.apply("agenthub-api");
    environment.lifecycle().manage(onStop(telemetry::close));
    Engine engine =
        new Engine(
            config.getTemporal(),
            config.getWorker(),
            config.getAgents(),
            devServer(config),
            dev || config.isEmbeddedWorker(),
            telemetry);
    environment.lifecycle().manage(engine);

    PipelineCatalog catalog =
        PipelineCatalog.loadDirectory(Path.of(config.getPipelinesDir()), AgentCatalog.builtIn());
    RunService runs =
        new TemporalRunService(
            engine.client(),
            config.getTemporal().taskQueue(),
            Listing.parse(config.getTemporal().listing()),
            BuiltInAgents.priceTable(config.getAgents()),
            telemetry.meterRegistry());
    RunLinks links =
        new RunLinks(
            config.getTemporal().uiBaseUrl(),
            config.getTemporal().namespace(),
            config.getTraceUrlTemplate());

    // Our mappers render every error as {"error": {...}}; Dropwizard's defaults would compete.
    ((AbstractServerFactory) config.getServerFactory()).setRegisterDefaultExceptionMappers(false);
    ApiErrors.register(environment.jersey());
    HttpServerTracing.register(environment, telemetry.openTelemetry());
    ApiAuth.register(environment, config.getAuth());
    environment.jersey().register(new PipelinesResource(catalog, runs, links));
    environment.jersey().register(new RunsResource(runs, links));
    environment.jersey().register(new OpenApiResource());
    environment
        .jersey()
        .register(
            new AlertsResource(
                config.getAlerts(),
                engine.client(),
                config.getTemporal().taskQueue(),
                config.getTemporal().uiBaseUrl()));
    // One registry per process; in dev it also holds the embedded worker's metrics.
    environment.jersey().register(new HttpServerMetrics(telemetry.meterRegistry()));
    environment
        .admin()
        .addServlet("prometheus-metrics", new MetricsServlet(telemetry.meterRegistry()))
        .addMapping("/metrics");
    if (dev) {
      environment.jersey().register(new DevFlakyResource());
    }
    environment
        .healthChecks()
        .register(TemporalHealthCheck.NAME, new TemporalHealthCheck(engine.connection().stubs()));
    environment
        .healthChecks()
        .register(PipelinesHealthCheck.NAME, new PipelinesHealthCheck(catalog));
  }
}
