package dev.agenthub.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.api.agents.AgentQueuesHealthCheck;
import dev.agenthub.api.agents.AgentsResource;
import dev.agenthub.api.agents.TaskQueuePollers;
import dev.agenthub.api.agents.TemporalTaskQueuePollers;
import dev.agenthub.api.alerts.AlertsResource;
import dev.agenthub.api.auth.ApiAuth;
import dev.agenthub.api.auth.AuthConfiguration;
import dev.agenthub.api.errors.ApiErrors;
import dev.agenthub.api.events.EventsResource;
import dev.agenthub.api.observability.HttpServerMetrics;
import dev.agenthub.api.observability.HttpServerTracing;
import dev.agenthub.api.observability.MetricsServlet;
import dev.agenthub.api.observability.QuietRequestLogStart;
import dev.agenthub.api.openapi.OpenApiResource;
import dev.agenthub.api.pipelines.InvalidPipelinesLog;
import dev.agenthub.api.pipelines.PipelinesHealthCheck;
import dev.agenthub.api.pipelines.PipelinesResource;
import dev.agenthub.api.runs.DeadlineBoundRunService;
import dev.agenthub.api.runs.Listing;
import dev.agenthub.api.runs.RunLinks;
import dev.agenthub.api.runs.RunService;
import dev.agenthub.api.runs.RunStarter;
import dev.agenthub.api.runs.RunsResource;
import dev.agenthub.api.runs.TemporalDeadline;
import dev.agenthub.api.runs.TemporalRunService;
import dev.agenthub.api.schedules.ScheduleReconciliation;
import dev.agenthub.api.schedules.SchedulesResource;
import dev.agenthub.dsl.AgentFiles;
import dev.agenthub.dsl.Durations;
import dev.agenthub.dsl.PipelineCatalog;
import dev.agenthub.telemetry.Telemetry;
import dev.agenthub.temporal.TemporalConnection;
import dev.agenthub.temporal.TemporalHealthCheck;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.grpc.ConnectivityState;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.SynchronousQueue;
import java.util.function.Function;
import org.glassfish.jersey.media.sse.SseFeature;

/**
 * Agent Hub's API process ({@code server api.yml}): a Temporal client behind the REST API. It runs
 * no worker; the dev kit extends it to embed one (see {@link #addTemporalServices}).
 *
 * @param <C> the configuration class ({@link ApiConfiguration}, or the dev kit's extension of it)
 */
public class ApiApplication<C extends ApiConfiguration> extends Application<C> {

  /**
   * Threads that handle the answers of Temporal long polls for waiting requests and event streams
   * (a waiting request or follower holds none while it waits).
   */
  private static final int FOLLOW_THREADS = 4;

  private final Function<String, Telemetry> telemetry;

  public ApiApplication() {
    this(Telemetry::start);
  }

  /**
   * An application whose process gets its telemetry from {@code telemetry} (given the service
   * name); tests pass one that records spans in memory.
   */
  public ApiApplication(Function<String, Telemetry> telemetry) {
    this.telemetry = telemetry;
  }

  public static void main(String[] args) throws Exception {
    new ApiApplication<>().run(args);
  }

  @Override
  public String getName() {
    return "agenthub";
  }

  @Override
  public void initialize(Bootstrap<C> bootstrap) {
    configureJson(bootstrap.getObjectMapper());
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(
            bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(true)));
  }

  /**
   * The API's JSON conventions, applied to {@code json} (the application's mapper; tests that
   * assemble Jersey themselves apply them to theirs). Returns {@code json}.
   */
  public static ObjectMapper configureJson(ObjectMapper json) {
    // Times on the wire are ISO-8601 strings ("2026-11-25T03:15:34.014Z"), not epoch numbers.
    json.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    // A field a request type does not have is refused (400 unknown_field), not dropped: "inputs"
    // for "input" would otherwise start a run without its input. Bodies from other systems that
    // grow fields (Alertmanager's) opt out with @JsonIgnoreProperties(ignoreUnknown = true).
    json.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    return json;
  }

  /**
   * Makes {@code json} (the mapper that reads request bodies) refuse scalar coercions. Not part of
   * {@link #configureJson}: the configuration file is read with a copy of the same mapper, where a
   * number for a string-valued key stays fine.
   */
  static void refuseScalarCoercion(ObjectMapper json) {
    // A JSON number or boolean where the API takes a string (a workflowId of 7, a label value of
    // true) is refused, as the OpenAPI document says, not turned into text; likewise a string
    // where it takes a number.
    json.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    json.coercionConfigFor(LogicalType.Float)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    json.coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
  }

  /**
   * Services this process runs beside the API, started after the Temporal connection exists and
   * stopped before it closes (in reverse order of registration). None in production; the dev kit
   * adds a Temporal server and an in-process worker here, and prints {@code pipelines} (loaded and
   * not) in its banner.
   */
  protected void addTemporalServices(
      C config,
      Environment environment,
      Telemetry telemetry,
      TemporalConnection connection,
      PipelineCatalog pipelines) {}

  /** The API keys to accept: the configured ones (the dev kit adds its own). */
  protected AuthConfiguration auth(C config) {
    return config.getAuth();
  }

  /**
   * The Temporal UI that run links point to: {@code temporal.uiBaseUrl}; empty for none (the dev
   * kit's embedded server has no UI).
   */
  protected String temporalUiBaseUrl(C config) {
    return config.getTemporal().uiBaseUrl();
  }

  /** The URL template of a run's trace ({@code {traceId}}): {@code traceUrlTemplate}. */
  protected String traceUrlTemplate(C config) {
    return config.getTraceUrlTemplate();
  }

  /** The service name this process reports its telemetry under. */
  protected String serviceName() {
    return "agenthub-api";
  }

  @Override
  public void run(C config, Environment environment) {
    refuseScalarCoercion(environment.getObjectMapper());
    Telemetry telemetry = this.telemetry.apply(serviceName());
    environment.lifecycle().manage(onStop(telemetry::close));
    TemporalConnection connection =
        TemporalConnection.open(
            config.getTemporal(), telemetry.temporalMetricsScope(), telemetry.clientInterceptors());
    environment.lifecycle().manage(onStop(connection::close));
    AgentCatalog agents =
        AgentCatalog.withDeclared(AgentFiles.loadDirectory(Path.of(config.getAgentsDir())));
    PipelineCatalog catalog =
        PipelineCatalog.loadDirectory(Path.of(config.getPipelinesDir()), agents);
    InvalidPipelinesLog.warn(catalog);
    addTemporalServices(config, environment, telemetry, connection, catalog);

    TemporalDeadline deadline =
        new TemporalDeadline(
            config.getRuns().getTemporalDeadline().toJavaDuration(),
            config.getRuns().getTemporalTimeout().toJavaDuration(),
            () -> connection.stubs().getRawChannel().getState(false) == ConnectivityState.READY,
            environment
                .lifecycle()
                .executorService("temporal-call-%d")
                .minThreads(0)
                .maxThreads(Integer.MAX_VALUE)
                .workQueue(new SynchronousQueue<>())
                .build(),
            environment
                .lifecycle()
                .scheduledExecutorService("temporal-deadline")
                .threads(1)
                .build());
    RunService runs =
        new DeadlineBoundRunService(
            new TemporalRunService(
                connection.client(),
                config.getTemporal().taskQueue(),
                Listing.parse(config.getTemporal().listing()),
                config.priceTable(),
                telemetry.meterRegistry(),
                agents,
                environment
                    .lifecycle()
                    .executorService("run-follow-%d")
                    .minThreads(FOLLOW_THREADS)
                    .maxThreads(FOLLOW_THREADS)
                    .build(),
                config.getRuns().getMaxForEachItems(),
                catalog::descendants),
            deadline);
    RunLinks links =
        new RunLinks(
            temporalUiBaseUrl(config), config.getTemporal().namespace(), traceUrlTemplate(config));

    // Our mappers render every error as {"error": {...}}; Dropwizard's defaults would compete.
    ((AbstractServerFactory) config.getServerFactory()).setRegisterDefaultExceptionMappers(false);
    ApiErrors.register(environment.jersey());
    ApiErrors.registerContainer(
        environment, ((AbstractServerFactory) config.getServerFactory()).getAllowedMethods());
    HttpServerTracing.register(environment, telemetry.openTelemetry());
    QuietRequestLogStart.register(environment);
    ApiAuth.register(environment, auth(config));
    environment
        .jersey()
        .register(
            new PipelinesResource(
                catalog, runs, links, config.getRuns().getMaxInputBytes().toBytes()));
    environment.jersey().register(SseFeature.class);
    environment.jersey().register(new RunsResource(runs, links));
    ScheduleReconciliation schedules =
        ScheduleReconciliation.create(
            catalog,
            connection.client(),
            new RunStarter(
                connection.client(),
                config.getTemporal().taskQueue(),
                config.priceTable(),
                Clock.systemUTC(),
                agents),
            Listing.parse(config.getTemporal().listing()) != Listing.SCAN,
            environment.lifecycle().scheduledExecutorService("schedule-reconciliation").build());
    environment.lifecycle().manage(schedules);
    environment.jersey().register(new SchedulesResource(schedules.schedules()));
    environment
        .jersey()
        .register(
            new EventsResource(
                catalog,
                runs,
                links,
                auth(config),
                config.getEvents(),
                environment.getObjectMapper(),
                config.getRuns().getMaxInputBytes().toBytes()));
    TaskQueuePollers pollers =
        new TemporalTaskQueuePollers(connection.stubs(), config.getTemporal().namespace());
    environment
        .jersey()
        .register(new AgentsResource(agents, config.getTemporal().taskQueue(), pollers));
    environment.jersey().register(new OpenApiResource());
    environment
        .jersey()
        .register(
            new AlertsResource(
                config.getAlerts(),
                connection.client(),
                config.getTemporal().taskQueue(),
                temporalUiBaseUrl(config),
                deadline));
    // One registry per process; in dev it also holds the embedded worker's metrics.
    environment.jersey().register(new HttpServerMetrics(telemetry.meterRegistry()));
    environment
        .admin()
        .addServlet("prometheus-metrics", new MetricsServlet(telemetry.meterRegistry()))
        .addMapping("/metrics");
    environment
        .healthChecks()
        .register(TemporalHealthCheck.NAME, new TemporalHealthCheck(connection.stubs()));
    environment
        .healthChecks()
        .register(PipelinesHealthCheck.NAME, new PipelinesHealthCheck(catalog));
    environment
        .healthChecks()
        .register(
            AgentQueuesHealthCheck.NAME,
            new AgentQueuesHealthCheck(
                agents, pollers, Durations.parse(config.getAgentQueueGrace()), Clock.systemUTC()));
  }

  private static Managed onStop(Runnable action) {
    return new Managed() {
      @Override
      public void stop() {
        action.run();
      }
    };
  }
}
