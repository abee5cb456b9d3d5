package dev.agenthub.telemetry;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.opentracingshim.OpenTracingShim;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import io.temporal.opentracing.OpenTracingClientInterceptor;
import io.temporal.opentracing.OpenTracingOptions;
import io.temporal.opentracing.OpenTracingWorkerInterceptor;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracing half of {@link Telemetry}: an OpenTelemetry instance and the Temporal interceptors
 * that carry its context through workflows and activities.
 *
 * <p>{@link #start} builds the SDK with autoconfigure, so the standard {@code OTEL_*} variables
 * (and {@code otel.*} system properties) apply; when an OpenTelemetry Java agent is attached, its
 * instance is reused instead. Temporal's interceptors speak OpenTracing, so they get the
 * OpenTracing shim over the same instance; the shim injects and extracts through the SDK's
 * propagators, which is why W3C trace context is a default here (without it every Temporal hop
 * would start a new trace). The SDK it builds takes {@link PresetSpanIds}, so that a span can be
 * emitted after its children with the id they name as their parent (an agent loop's {@code
 * invoke_agent} span); the Java agent's instance cannot, and its loops' children stay under their
 * {@code RunActivity} spans.
 */
public final class Tracing implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Tracing.class);

  static final AttributeKey<String> SERVICE_VERSION = AttributeKey.stringKey("service.version");
  static final AttributeKey<String> DEPLOYMENT_ENVIRONMENT =
      AttributeKey.stringKey("deployment.environment.name");

  private static final Duration SERVER_FLUSH = Duration.ofSeconds(5);
  private static final Duration LOCAL_FLUSH = Duration.ofSeconds(1);

  private final OpenTelemetry openTelemetry;
  private final Duration flushTimeout;
  private final OpenTelemetrySdk ownedSdk;
  private final String exportSummary;
  private final OpenTracingOptions temporalOptions;

  private Tracing(OpenTelemetry openTelemetry, OpenTelemetrySdk ownedSdk, String exportSummary) {
    this(openTelemetry, ownedSdk, exportSummary, SERVER_FLUSH);
  }

  private Tracing(
      OpenTelemetry openTelemetry,
      OpenTelemetrySdk ownedSdk,
      String exportSummary,
      Duration flushTimeout) {
    this.openTelemetry = openTelemetry;
    this.ownedSdk = ownedSdk;
    this.exportSummary = exportSummary;
    this.flushTimeout = flushTimeout;
    this.temporalOptions =
        OpenTracingOptions.newBuilder()
            .setTracer(OpenTracingShim.createTracerShim(openTelemetry))
            .build();
  }

  /**
   * Tracing for {@code serviceName}: the attached Java agent's OpenTelemetry if there is one,
   * otherwise an SDK configured from {@code OTEL_*} variables with Agent Hub's defaults (see {@link
   * #defaults}). Also sends this process's log records to the SDK's log exporter. With {@link
   * ExportMode#WHEN_CONFIGURED} and no OTLP endpoint configured, traces and logs are not exported
   * (unless {@code OTEL_TRACES_EXPORTER}/{@code OTEL_LOGS_EXPORTER} ask for it).
   */
  public static Tracing start(String serviceName, ExportMode mode) {
    requireNonNull(serviceName, "serviceName");
    requireNonNull(mode, "mode");
    ExportErrorThrottle.install();
    if (GlobalOpenTelemetry.isSet()) {
      // Only the Java agent (or an embedding application) sets the global instance: this class
      // never does, so that several processes' worth of telemetry can share a JVM in tests.
      log.info("using the OpenTelemetry instance of the attached Java agent");
      return new Tracing(GlobalOpenTelemetry.get(), null, "through the OpenTelemetry Java agent");
    }
    Optional<String> endpoint = OtlpEndpoint.configured(System.getenv(), System.getProperties());
    boolean exportByDefault = mode == ExportMode.ALWAYS || endpoint.isPresent();
    AtomicReference<String> summary = new AtomicReference<>("off");
    OpenTelemetrySdk sdk =
        AutoConfiguredOpenTelemetrySdk.builder()
            .addPropertiesSupplier(() -> defaults(serviceName, exportByDefault))
            .addPropertiesCustomizer(
                config -> {
                  // Read what the variables and properties finally chose, to say it in one line.
                  summary.set(
                      config.getBoolean("otel.sdk.disabled", false)
                          ? "off (OTEL_SDK_DISABLED)"
                          : exportSummary(
                              config.getString("otel.traces.exporter", "otlp"),
                              config.getString("otel.logs.exporter", "otlp"),
                              endpoint));
                  return Map.of();
                })
            .addResourceCustomizer((resource, config) -> withDefaultAttributes(resource))
            .addTracerProviderCustomizer(
                (tracerProvider, config) -> tracerProvider.setIdGenerator(new PresetSpanIds()))
            .disableShutdownHook()
            .build()
            .getOpenTelemetrySdk();
    LogExport.install(sdk);
    return new Tracing(
        sdk, sdk, summary.get(), mode == ExportMode.ALWAYS ? SERVER_FLUSH : LOCAL_FLUSH);
  }

  /**
   * Tracing on a given instance (tests pass an SDK with an in-memory exporter). It is not closed by
   * {@link #close()} unless {@code owned}.
   */
  public static Tracing around(OpenTelemetry openTelemetry, boolean owned) {
    requireNonNull(openTelemetry, "openTelemetry");
    return new Tracing(
        openTelemetry,
        owned && openTelemetry instanceof OpenTelemetrySdk sdk ? sdk : null,
        "to an OpenTelemetry instance given in code");
  }

  /** Tracing that records nothing. */
  public static Tracing noop() {
    return new Tracing(OpenTelemetry.noop(), null, "off");
  }

  /**
   * Agent Hub's defaults, below every {@code OTEL_*} variable and {@code otel.*} property: the
   * service name, W3C trace context and baggage, OTLP over gRPC (to localhost:4317 unless {@code
   * OTEL_EXPORTER_OTLP_ENDPOINT} says otherwise), no OTLP metrics (metrics are scraped by
   * Prometheus), and, unless {@code exportByDefault}, no trace or log exporter.
   */
  static Map<String, String> defaults(String serviceName, boolean exportByDefault) {
    Map<String, String> defaults = new HashMap<>();
    defaults.put("otel.service.name", serviceName);
    defaults.put("otel.propagators", "tracecontext,baggage");
    defaults.put("otel.exporter.otlp.protocol", "grpc");
    defaults.put("otel.metrics.exporter", "none");
    if (!exportByDefault) {
      defaults.put("otel.traces.exporter", "none");
      defaults.put("otel.logs.exporter", "none");
    }
    return Map.copyOf(defaults);
  }

  /**
   * Where traces and logs go, in words, for a banner line: the chosen exporters ({@code
   * otel.traces.exporter}, {@code otel.logs.exporter}) and the configured OTLP endpoint.
   */
  static String exportSummary(String traces, String logs, Optional<String> endpoint) {
    if (traces.equals("none") && logs.equals("none")) {
      return "not exported (no collector configured); set OTEL_EXPORTER_OTLP_ENDPOINT, e.g."
          + " http://localhost:4317, to send them over OTLP";
    }
    String otlp = "OTLP to " + endpoint.orElse(OtlpEndpoint.DEFAULT);
    if (traces.equals("otlp") && logs.equals("otlp")) {
      return otlp;
    }
    return "traces: "
        + (traces.equals("otlp") ? otlp : traces)
        + ", logs: "
        + (logs.equals("otlp") ? otlp : logs);
  }

  private static Resource withDefaultAttributes(Resource resource) {
    var builder = resource.toBuilder();
    if (resource.getAttribute(SERVICE_VERSION) == null) {
      builder.put(SERVICE_VERSION, version());
    }
    if (resource.getAttribute(DEPLOYMENT_ENVIRONMENT) == null) {
      String environment = System.getenv("AGENTHUB_ENVIRONMENT");
      builder.put(
          DEPLOYMENT_ENVIRONMENT,
          environment == null || environment.isBlank() ? "dev" : environment);
    }
    return builder.build();
  }

  /** Agent Hub's version, from the build. */
  static String version() {
    try (InputStream in = Tracing.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  /**
   * Where this process's traces and logs go, in words: {@code "OTLP to http://..."}, or that they
   * are not exported and how to turn export on.
   */
  public String exportSummary() {
    return exportSummary;
  }

  /** Starts a {@code StartWorkflow}/{@code SignalWorkflow}/... span on every client call. */
  public List<WorkflowClientInterceptor> clientInterceptors() {
    return List.of(new OpenTracingClientInterceptor(temporalOptions));
  }

  /**
   * {@code RunWorkflow}, {@code StartActivity} and {@code RunActivity} spans (created by the
   * interceptor only, never in workflow code, so replays do not repeat them) and log context.
   */
  public List<WorkerInterceptor> workerInterceptors() {
    return List.of(new OpenTracingWorkerInterceptor(temporalOptions), new LogContextInterceptor());
  }

  /**
   * Flushes and shuts down the SDK this instance built: waits up to 5 s in servers, 1 s in {@code
   * dev} and {@code run} (a developer waits for the prompt; a collector that is down would hold
   * it).
   */
  @Override
  public void close() {
    if (ownedSdk != null) {
      LogExport.uninstall(ownedSdk);
      ownedSdk.shutdown().join(flushTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }
  }
}
