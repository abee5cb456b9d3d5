package dev.agenthub.devkit;

import static java.util.Objects.requireNonNull;

import dev.agenthub.telemetry.Telemetry;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code dev [config.yml] [--server=embedded|temporal-cli]}: the whole platform in one JVM: a
 * Temporal server (the embedded test server on the configured target port, 7233 by default, or the
 * Temporal CLI's dev server), a worker, and the API. The choices on the command line become a
 * {@link DevApplication}, which this command serves as Dropwizard's {@code server} would.
 */
public final class DevCommand extends ConfiguredCommand<DevConfiguration> {

  private final PrintStream out;
  private final Function<String, Telemetry> telemetry;
  private final DevServer defaultServer;

  /** {@code dev}, printing its banner to {@code out}; the embedded server unless told otherwise. */
  public DevCommand(PrintStream out, Function<String, Telemetry> telemetry) {
    this(out, telemetry, DevServer.EMBEDDED);
  }

  /**
   * {@code dev} with {@code defaultServer} when the command line names none (tests run the command
   * without a command line).
   */
  public DevCommand(
      PrintStream out, Function<String, Telemetry> telemetry, DevServer defaultServer) {
    super(
        "dev",
        "Runs a Temporal server, a worker and the API in one JVM (embedded: state in memory)");
    this.out = requireNonNull(out, "out");
    this.telemetry = requireNonNull(telemetry, "telemetry");
    this.defaultServer = requireNonNull(defaultServer, "defaultServer");
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser
        .addArgument("--server")
        .choices(
            DevServer.EMBEDDED.cliName(),
            DevServer.TEMPORAL_CLI.cliName(),
            DevServer.NONE.cliName())
        .help(
            "embedded: the SDK's test server in this JVM, state in memory (default); temporal-cli:"
                + " the Temporal CLI dev server, SQLite under .state/ and the Temporal UI; none:"
                + " connect to the server at temporal.target");
    subparser
        .addArgument("--traces")
        .action(Arguments.storeTrue())
        .help(
            "start Jaeger v2 (built by scripts/install-jaeger.sh) and send this process's traces"
                + " to it; runs link to their trace in Jaeger's query API");
  }

  @Override
  protected void run(
      Bootstrap<DevConfiguration> bootstrap, Namespace namespace, DevConfiguration configuration)
      throws Exception {
    // Tests run this command without parsing a command line: no --server means the default.
    String server = namespace.getString("server");
    DevServer kind =
        server == null
            ? defaultServer
            : DevServer.valueOf(server.toUpperCase(Locale.ROOT).replace('-', '_'));
    Path home = Path.of(System.getenv().getOrDefault("AGENTHUB_HOME", "."));
    // Durable mode keeps its key with its state, so a restart prints (and accepts) the same key.
    Optional<Path> keyFile =
        kind == DevServer.TEMPORAL_CLI
            ? Optional.of(home.resolve(DevApiKey.STATE_FILE))
            : Optional.empty();
    JaegerDevServer jaeger =
        Boolean.TRUE.equals(namespace.getBoolean("traces")) ? startJaeger(home) : null;
    DevApplication application =
        new DevApplication(kind, DevApiKey.create(keyFile), home, out, jaeger, telemetry);
    new Serve(application).serve(bootstrap, namespace, configuration);
  }

  /**
   * Starts Jaeger and points this process's trace export at it, unless an endpoint is configured
   * already. Jaeger stores traces only, so log export stays off unless configured.
   */
  private JaegerDevServer startJaeger(Path home) throws IOException {
    JaegerDevServer jaeger = JaegerDevServer.start(home);
    if (System.getenv("OTEL_EXPORTER_OTLP_ENDPOINT") == null
        && System.getProperty("otel.exporter.otlp.endpoint") == null) {
      System.setProperty("otel.exporter.otlp.endpoint", JaegerDevServer.OTLP_ENDPOINT);
      System.setProperty("otel.exporter.otlp.protocol", "http/protobuf");
    }
    if (System.getenv("OTEL_LOGS_EXPORTER") == null
        && System.getProperty("otel.logs.exporter") == null) {
      System.setProperty("otel.logs.exporter", "none");
    }
    out.println(
        "Traces go to Jaeger v2: "
            + JaegerDevServer.QUERY_URL
            + " (query API; a run's trace at /api/v3/traces/{traceId}, linked from each run)");
    return jaeger;
  }

  /** Dropwizard's {@code server} command for the dev application. */
  private static final class Serve extends ServerCommand<DevConfiguration> {

    Serve(DevApplication application) {
      super(application);
    }

    void serve(Bootstrap<DevConfiguration> bootstrap, Namespace namespace, DevConfiguration config)
        throws Exception {
      run(bootstrap, namespace, config);
    }
  }
}
