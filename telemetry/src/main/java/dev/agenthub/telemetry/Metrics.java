package dev.agenthub.telemetry;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.tracer.common.SpanContext;
import io.prometheus.metrics.tracer.otel.OpenTelemetrySpanContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * The process's Prometheus registry: how it is built (meter filters that keep label sets small and
 * histograms cheap, JVM and process binders, {@code trace_id} exemplars) and how it is scraped.
 *
 * <p>Temporal reports every timer as a full percentile histogram (~70 buckets) with its own label
 * set. Only the latencies dashboards and SLOs use keep buckets, and those get {@link
 * #TEMPORAL_LATENCY_BUCKETS}; every other {@code temporal_*} timer keeps its count, sum and max.
 */
public final class Metrics {

  /** The Accept media type that selects the OpenMetrics format (the one carrying exemplars). */
  public static final String OPENMETRICS_MEDIA_TYPE = "application/openmetrics-text";

  static final String OPENMETRICS_CONTENT_TYPE =
      "application/openmetrics-text; version=1.0.0; charset=utf-8";
  static final String TEXT_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** Temporal timers that keep histogram buckets: the latencies the dashboards and SLOs read. */
  static final Set<String> TEMPORAL_HISTOGRAMS =
      Set.of(
          "temporal_workflow_task_schedule_to_start_latency",
          "temporal_workflow_task_execution_latency",
          "temporal_activity_schedule_to_start_latency",
          "temporal_workflow_endtoend_latency",
          "temporal_activity_execution_latency");

  static final Duration[] TEMPORAL_LATENCY_BUCKETS = seconds(0.01, 0.05, 0.1, 0.5, 1, 5, 10, 60);

  static final Duration[] RUN_DURATION_BUCKETS =
      seconds(1, 5, 15, 30, 60, 300, 900, 3600, 14400, 86400);

  static final Duration[] STEP_DURATION_BUCKETS =
      seconds(0.05, 0.25, 1, 2.5, 5, 15, 30, 60, 300, 1800);

  static final Duration[] HTTP_SERVER_BUCKETS = seconds(0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 10);

  /**
   * Micrometer's default puts exemplars on every sample, {@code _count} included, which OpenMetrics
   * forbids: Prometheus (2.x) then rejects the whole scrape. Exemplars stay on histogram buckets
   * and counters.
   */
  static final PrometheusConfig OPEN_METRICS_COMPLIANT =
      new PrometheusConfig() {
        @Override
        public String get(String key) {
          return null;
        }

        @Override
        public Properties prometheusProperties() {
          Properties properties = new Properties();
          properties.putAll(PrometheusConfig.super.prometheusProperties());
          properties.setProperty("io.prometheus.exporter.exemplarsOnAllMetricTypes", "false");
          return properties;
        }
      };

  private Metrics() {}

  /**
   * A registry with Agent Hub's filters, trimmed Temporal histograms, the JVM and process binders,
   * and exemplars taken from the current OpenTelemetry span.
   */
  public static PrometheusMeterRegistry newRegistry() {
    return newRegistry(new OpenTelemetrySpanContext(), true);
  }

  /**
   * A registry as {@link #newRegistry()} describes.
   *
   * @param spanContext where exemplars come from ({@code null}: no exemplars)
   * @param trimTemporal whether to cut Temporal's timers down (false only to measure the effect)
   */
  public static PrometheusMeterRegistry newRegistry(SpanContext spanContext, boolean trimTemporal) {
    PrometheusMeterRegistry registry =
        new PrometheusMeterRegistry(
            OPEN_METRICS_COMPLIANT, new PrometheusRegistry(), Clock.SYSTEM, spanContext);
    registry.config().meterFilter(agentHubLabelsOnly());
    registry.config().meterFilter(agentHubDescriptions());
    registry.config().meterFilter(histogramBuckets());
    if (trimTemporal) {
      registry.config().meterFilter(temporalTimersTrimmed());
    }
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return registry;
  }

  /**
   * A scrape in the format {@code accept} asks for: OpenMetrics if it names it, else text 0.0.4.
   */
  public static Scrape scrape(PrometheusMeterRegistry registry, String accept) {
    requireNonNull(registry, "registry");
    boolean openMetrics =
        accept != null && accept.toLowerCase(Locale.ROOT).contains(OPENMETRICS_MEDIA_TYPE);
    String contentType = openMetrics ? OPENMETRICS_CONTENT_TYPE : TEXT_CONTENT_TYPE;
    return new Scrape(contentType, registry.scrape(contentType));
  }

  /**
   * One scrape.
   *
   * @param contentType the response's content type
   * @param body the exposition text
   */
  public record Scrape(String contentType, String body) {}

  /**
   * Temporal's metrics scope tags everything it reports with its own labels (namespace, task queue,
   * workflow and activity type, …); {@code agenthub_*} meters keep only theirs.
   */
  static MeterFilter agentHubLabelsOnly() {
    return new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        if (!id.getName().startsWith("agenthub")) {
          return id;
        }
        List<Tag> kept = new ArrayList<>();
        for (Tag tag : id.getTagsAsIterable()) {
          if (MetricNames.AGENTHUB_LABELS.contains(tag.getKey())) {
            kept.add(tag);
          }
        }
        return kept.size() == id.getTags().size() ? id : id.replaceTags(kept);
      }
    };
  }

  /** HELP text for our meters, which Temporal's metrics scope registers without one. */
  static MeterFilter agentHubDescriptions() {
    return new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        String help = MetricNames.DESCRIPTIONS.get(id.getName());
        return help == null || id.getDescription() != null
            ? id
            : new Meter.Id(
                id.getName(),
                Tags.of(id.getTagsAsIterable()),
                id.getBaseUnit(),
                help,
                id.getType());
      }
    };
  }

  /** Bucket boundaries of our own timers, whichever way they were registered. */
  static MeterFilter histogramBuckets() {
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(
          Meter.Id id, DistributionStatisticConfig config) {
        Duration[] buckets =
            switch (id.getName()) {
              case MetricNames.RUN_DURATION -> RUN_DURATION_BUCKETS;
              case MetricNames.STEP_DURATION -> STEP_DURATION_BUCKETS;
              case MetricNames.HTTP_SERVER_REQUESTS -> HTTP_SERVER_BUCKETS;
              default -> null;
            };
        return buckets == null || id.getType() != Meter.Type.TIMER
            ? config
            : slos(buckets).merge(config);
      }
    };
  }

  /** Temporal's timers: SLO buckets for the latencies that matter, count/sum/max for the rest. */
  static MeterFilter temporalTimersTrimmed() {
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(
          Meter.Id id, DistributionStatisticConfig config) {
        if (!id.getName().startsWith("temporal_") || id.getType() != Meter.Type.TIMER) {
          return config;
        }
        if (TEMPORAL_HISTOGRAMS.contains(id.getName())) {
          return slos(TEMPORAL_LATENCY_BUCKETS).merge(config);
        }
        return DistributionStatisticConfig.builder()
            .percentilesHistogram(false)
            .serviceLevelObjectives()
            .build()
            .merge(config);
      }
    };
  }

  private static DistributionStatisticConfig slos(Duration[] buckets) {
    double[] nanos = new double[buckets.length];
    for (int i = 0; i < buckets.length; i++) {
      nanos[i] = buckets[i].toNanos();
    }
    return DistributionStatisticConfig.builder()
        .percentilesHistogram(false)
        .serviceLevelObjectives(nanos)
        .build();
  }

  private static Duration[] seconds(double... values) {
    Duration[] durations = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      durations[i] = Duration.ofNanos(Math.round(values[i] * 1e9));
    }
    return durations;
  }
}
