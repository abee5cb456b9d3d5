package dev.agenthub.devkit;

import static java.util.Objects.requireNonNull;

import dev.agenthub.api.ApiApplication;
import dev.agenthub.api.auth.AuthConfiguration;
import dev.agenthub.dsl.PipelineCatalog;
import dev.agenthub.telemetry.Telemetry;
import dev.agenthub.temporal.TemporalConnection;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The API process of {@code dev}: the API application, plus the Temporal server of the chosen
 * {@link DevServer} kind, an in-process worker (unless {@code embeddedWorker: false}), the dev key
 * and the dev-only resources. Its choices come through the constructor; the configuration file is
 * read as given.
 */
public final class DevApplication extends ApiApplication<DevConfiguration> {

  private final DevServer server;
  private final DevApiKey key;
  private final Path home;
  private final PrintStream out;
  private final JaegerDevServer jaeger;

  /**
   * @param server the Temporal server to run ({@link DevServer#NONE}: connect to {@code
   *     temporal.target} and run only the worker and the API)
   * @param key the operator key to accept besides the configured ones
   * @param home the checkout (for {@code .state/} and {@code .tools/} of the Temporal CLI)
   * @param out where the banner goes once every connector listens
   * @param jaeger the Jaeger of {@code --traces}, to stop with this process and link runs to; null
   *     without
   * @param telemetry the process's telemetry, given the service name
   */
  DevApplication(
      DevServer server,
      DevApiKey key,
      Path home,
      PrintStream out,
      JaegerDevServer jaeger,
      Function<String, Telemetry> telemetry) {
    super(telemetry);
    this.jaeger = jaeger;
    this.server = requireNonNull(server, "server");
    this.key = requireNonNull(key, "key");
    this.home = requireNonNull(home, "home");
    this.out = requireNonNull(out, "out");
  }

  /** The key this process accepts besides the configured ones. */
  public DevApiKey key() {
    return key;
  }

  @Override
  protected void addTemporalServices(
      DevConfiguration config,
      Environment environment,
      Telemetry telemetry,
      TemporalConnection connection,
      PipelineCatalog pipelines) {
    if (jaeger != null) {
      environment.lifecycle().manage(onStop(jaeger::close));
    }
    if (server != DevServer.NONE) {
      environment.lifecycle().manage(server.create(config.getTemporal(), home));
    }
    if (config.isEmbeddedWorker()) {
      environment.lifecycle().manage(new EmbeddedWorker(config, connection, telemetry));
    }
    environment.jersey().register(new DevFlakyResource());
    environment.jersey().register(new DevSearchResource());
    environment
        .lifecycle()
        .addServerLifecycleListener(
            jetty ->
                DevBanner.print(
                    out,
                    jetty,
                    server,
                    config.getTemporal(),
                    pipelines,
                    key,
                    telemetry.exportSummary()));
  }

  /** The embedded server has no Temporal UI: its runs carry no link to one. */
  @Override
  protected String temporalUiBaseUrl(DevConfiguration config) {
    return server == DevServer.EMBEDDED ? "" : super.temporalUiBaseUrl(config);
  }

  /** With {@code --traces}, runs link to their trace in Jaeger's query API. */
  @Override
  protected String traceUrlTemplate(DevConfiguration config) {
    return jaeger != null && config.getTraceUrlTemplate().isBlank()
        ? JaegerDevServer.TRACE_URL_TEMPLATE
        : super.traceUrlTemplate(config);
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
  protected AuthConfiguration auth(DevConfiguration config) {
    return config.getAuth().withKey(key.entry());
  }
}
