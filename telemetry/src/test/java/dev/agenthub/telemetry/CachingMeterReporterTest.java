package dev.agenthub.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.uber.m3.tally.CapableOf;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.StatsReporter;
import com.uber.m3.tally.ValueBuckets;
import com.uber.m3.util.Duration;
import com.uber.m3.util.ImmutableMap;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The reporter reports what Temporal's {@link MicrometerClientStatsReporter} reports (compared
 * scrape against scrape) while resolving each meter once per name and tag map.
 */
class CachingMeterReporterTest {

  private static final String KEPT_LATENCY = "temporal_workflow_task_execution_latency";
  private static final String TRIMMED_LATENCY = "temporal_request_latency";

  @Test
  void reports_trimmedRegistry_scrapeEqualsTemporalReporters() {
    String ours = scrapeAfterReports(CachingMeterReporter::new, true);
    String temporals = scrapeAfterReports(MicrometerClientStatsReporter::new, true);

    assertThat(ours).isEqualTo(temporals);
    assertThat(ours)
        .contains("temporal_request_total{namespace=\"default\",operation=\"Poll\"} 5.0")
        .contains("temporal_request_total{namespace=\"default\",operation=\"Start\"} 1.0")
        .contains("temporal_num_pollers{poller_type=\"workflow_task\"} 5.0")
        .contains(KEPT_LATENCY + "_seconds_bucket{namespace=\"default\",le=\"0.05\"} 1")
        .contains(KEPT_LATENCY + "_seconds_bucket{namespace=\"default\",le=\"1.0\"} 2")
        .contains(TRIMMED_LATENCY + "_seconds_count{namespace=\"default\",operation=\"Poll\"} 1")
        .doesNotContain(TRIMMED_LATENCY + "_seconds_bucket")
        .doesNotContain("temporal_dropped_samples");
  }

  @Test
  void reports_untrimmedRegistry_scrapeEqualsTemporalReporters() {
    String ours = scrapeAfterReports(CachingMeterReporter::new, false);
    String temporals = scrapeAfterReports(MicrometerClientStatsReporter::new, false);

    assertThat(ours).isEqualTo(temporals);
    // publishPercentileHistogram(true): without trimming, every timer has its full histogram.
    assertThat(ours.lines().filter(line -> line.startsWith(TRIMMED_LATENCY + "_seconds_bucket")))
        .hasSizeGreaterThan(20);
  }

  @Test
  void reportCounter_equalTagMapAgain_incrementsTheCounterResolvedFirst() {
    PrometheusMeterRegistry registry = Metrics.newRegistry(null, true);
    CachingMeterReporter reporter = new CachingMeterReporter(registry);
    reporter.reportCounter("temporal_request", ImmutableMap.of("operation", "Poll"), 2);
    Counter first = registry.get("temporal_request").counter();
    // Out of the registry, the counter is only reachable through the reporter's cache.
    registry.remove(first);

    reporter.reportCounter("temporal_request", ImmutableMap.of("operation", "Poll"), 3);

    assertThat(first.count()).isEqualTo(5.0);
    assertThat(registry.find("temporal_request").counter()).isNull();
  }

  @Test
  void reportTimer_equalTagMapAgain_recordsIntoTheTimerResolvedFirst() {
    PrometheusMeterRegistry registry = Metrics.newRegistry(null, true);
    CachingMeterReporter reporter = new CachingMeterReporter(registry);
    reporter.reportTimer(KEPT_LATENCY, ImmutableMap.of("namespace", "a"), Duration.ofMillis(10));
    Timer first = registry.get(KEPT_LATENCY).timer();
    registry.remove(first);

    reporter.reportTimer(KEPT_LATENCY, ImmutableMap.of("namespace", "a"), Duration.ofMillis(20));

    assertThat(first.count()).isEqualTo(2);
    assertThat(registry.find(KEPT_LATENCY).timer()).isNull();
  }

  @Test
  void reportTimer_differentTags_differentTimers() {
    PrometheusMeterRegistry registry = Metrics.newRegistry(null, true);
    CachingMeterReporter reporter = new CachingMeterReporter(registry);

    reporter.reportTimer(KEPT_LATENCY, ImmutableMap.of("namespace", "a"), Duration.ofMillis(10));
    reporter.reportTimer(KEPT_LATENCY, ImmutableMap.of("namespace", "b"), Duration.ofMillis(20));
    reporter.reportTimer(KEPT_LATENCY, ImmutableMap.of("namespace", "b"), Duration.ofMillis(30));

    assertThat(registry.get(KEPT_LATENCY).tag("namespace", "a").timer().count()).isEqualTo(1);
    assertThat(registry.get(KEPT_LATENCY).tag("namespace", "b").timer().count()).isEqualTo(2);
  }

  @Test
  void reportGauge_equalTagMapAgain_oneGaugeWithTheLatestValue() {
    PrometheusMeterRegistry registry = Metrics.newRegistry(null, true);
    CachingMeterReporter reporter = new CachingMeterReporter(registry);

    reporter.reportGauge("temporal_num_pollers", ImmutableMap.of("poller_type", "a"), 2);
    reporter.reportGauge("temporal_num_pollers", ImmutableMap.of("poller_type", "a"), 7);
    System.gc(); // the registry holds gauges weakly; the reporter keeps their values reachable

    assertThat(registry.find("temporal_num_pollers").gauges()).hasSize(1);
    assertThat(registry.get("temporal_num_pollers").gauge().value()).isEqualTo(7.0);
  }

  @Test
  void capabilitiesAndClose_asTemporalsReporter_reportingAndRegistryClosed() {
    PrometheusMeterRegistry registry = Metrics.newRegistry(null, true);
    CachingMeterReporter reporter = new CachingMeterReporter(registry);

    assertThat(reporter.capabilities()).isEqualTo(CapableOf.REPORTING);
    reporter.close();

    assertThat(registry.isClosed()).isTrue();
  }

  @Test
  void newTemporalMetricsScope_closed_lastReportsReachTheRegistry() throws Exception {
    PrometheusMeterRegistry registry = Metrics.newRegistry(null, true);
    Scope scope = Telemetry.newTemporalMetricsScope(registry, java.time.Duration.ofHours(1));
    Scope tagged = scope.tagged(Map.of("namespace", "default"));

    tagged.counter("temporal_request").inc(4);
    tagged.timer(KEPT_LATENCY).record(Duration.ofMillis(30));
    scope.close();

    assertThat(registry.get("temporal_request").tag("namespace", "default").counter().count())
        .isEqualTo(4.0);
    assertThat(registry.get(KEPT_LATENCY).tag("namespace", "default").timer().count()).isEqualTo(1);
  }

  /**
   * The same reports, tag maps as tally passes them (equal maps, not always the same instance),
   * into a fresh registry; the scrape's {@code temporal_*} lines.
   */
  private static String scrapeAfterReports(
      Function<PrometheusMeterRegistry, StatsReporter> reporterOver, boolean trimTemporal) {
    PrometheusMeterRegistry registry = Metrics.newRegistry(null, trimTemporal);
    StatsReporter reporter = reporterOver.apply(registry);
    Map<String, String> poll = ImmutableMap.of("namespace", "default", "operation", "Poll");
    Map<String, String> namespace = ImmutableMap.of("namespace", "default");
    reporter.reportCounter("temporal_request", poll, 3);
    reporter.reportCounter(
        "temporal_request", ImmutableMap.of("namespace", "default", "operation", "Poll"), 2);
    reporter.reportCounter(
        "temporal_request", ImmutableMap.of("namespace", "default", "operation", "Start"), 1);
    reporter.reportGauge(
        "temporal_num_pollers", ImmutableMap.of("poller_type", "workflow_task"), 2);
    reporter.reportGauge(
        "temporal_num_pollers", ImmutableMap.of("poller_type", "workflow_task"), 5);
    reporter.reportTimer(KEPT_LATENCY, namespace, Duration.ofMillis(30));
    reporter.reportTimer(KEPT_LATENCY, namespace, Duration.ofMillis(700));
    reporter.reportTimer(TRIMMED_LATENCY, poll, Duration.ofMillis(20));
    reporter.reportHistogramValueSamples(
        "temporal_dropped_samples", namespace, ValueBuckets.linear(0, 1, 3), 0, 1, 4);
    reporter.reportHistogramDurationSamples(
        "temporal_dropped_samples",
        namespace,
        ValueBuckets.linear(0, 1, 3),
        Duration.ZERO,
        Duration.ofMillis(1),
        4);
    reporter.flush();
    return registry
        .scrape()
        .lines()
        .filter(line -> line.contains("temporal_"))
        .collect(Collectors.joining("\n"));
  }
}
