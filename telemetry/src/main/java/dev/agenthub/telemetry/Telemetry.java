package dev.agenthub.telemetry;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import java.time.Duration;
import java.util.List;

/**
 * One process's telemetry: traces (OpenTelemetry, fed to Temporal through its OpenTracing
 * interceptors) and metrics (one Prometheus registry that also receives the Temporal SDK's
 * metrics). Built once per process; close it last.
 */
public final class Telemetry implements AutoCloseable {

  private final String serviceName;
  private final Tracing tracing;
  private final PrometheusMeterRegistry meterRegistry;
  private final Scope temporalScope;

  private Telemetry(String serviceName, Tracing tracing, PrometheusMeterRegistry meterRegistry) {
    this.serviceName = serviceName;
    this.tracing = tracing;
    this.meterRegistry = meterRegistry;
    this.temporalScope = newTemporalMetricsScope(meterRegistry, Duration.ofSeconds(1));
  }

  /**
   * A tally scope for Temporal's service stubs that reports every {@code reportEvery} into {@code
   * registry}, with the same names, tags and timer histograms as Temporal's own Micrometer
   * reporter. Closing the scope closes the registry. Production uses {@link
   * #temporalMetricsScope()}; tests that build their own registry use this.
   */
  public static Scope newTemporalMetricsScope(MeterRegistry registry, Duration reportEvery) {
    return new RootScopeBuilder()
        .reporter(new CachingMeterReporter(registry))
        .reportEvery(com.uber.m3.util.Duration.ofMillis(reportEvery.toMillis()));
  }

  /**
   * Telemetry for {@code serviceName} ({@code agenthub-api}, {@code agenthub-worker}): tracing and
   * log export configured by {@code OTEL_*} variables (see {@link Tracing#start}).
   */
  public static Telemetry start(String serviceName) {
    return new Telemetry(
        serviceName, Tracing.start(serviceName, ExportMode.ALWAYS), Metrics.newRegistry());
  }

  /**
   * Telemetry for a process on a developer's machine ({@code dev}, {@code run}): as {@link #start},
   * but traces and logs are exported only when an OTLP endpoint is configured ({@link
   * ExportMode#WHEN_CONFIGURED}); {@link #exportSummary()} says so in one line.
   */
  public static Telemetry startLocal(String serviceName) {
    return new Telemetry(
        serviceName, Tracing.start(serviceName, ExportMode.WHEN_CONFIGURED), Metrics.newRegistry());
  }

  /**
   * Telemetry tracing into a given OpenTelemetry instance (tests pass an SDK with an in-memory
   * exporter); the caller keeps ownership of the instance.
   */
  public static Telemetry withOpenTelemetry(String serviceName, OpenTelemetry openTelemetry) {
    return new Telemetry(serviceName, Tracing.around(openTelemetry, false), Metrics.newRegistry());
  }

  /** Metrics but no tracing: for tests and tools that do not export traces. */
  public static Telemetry withoutTracing(String serviceName) {
    return new Telemetry(serviceName, Tracing.noop(), Metrics.newRegistry());
  }

  public String serviceName() {
    return serviceName;
  }

  /** Where traces and logs go, in words (see {@link Tracing#exportSummary()}). */
  public String exportSummary() {
    return tracing.exportSummary();
  }

  public OpenTelemetry openTelemetry() {
    return tracing.openTelemetry();
  }

  public PrometheusMeterRegistry meterRegistry() {
    return meterRegistry;
  }

  /** The tally scope to give Temporal's service stubs, reporting into {@link #meterRegistry()}. */
  public Scope temporalMetricsScope() {
    return temporalScope;
  }

  /** Interceptors for every {@code WorkflowClient}. */
  public List<WorkflowClientInterceptor> clientInterceptors() {
    return tracing.clientInterceptors();
  }

  /** Interceptors for every worker factory. */
  public List<WorkerInterceptor> workerInterceptors() {
    return tracing.workerInterceptors();
  }

  @Override
  public void close() {
    try {
      temporalScope.close();
    } catch (com.uber.m3.tally.ScopeCloseException e) {
      // Flushing the last metrics failed; nothing left to report them to.
    }
    meterRegistry.close();
    tracing.close();
  }
}
