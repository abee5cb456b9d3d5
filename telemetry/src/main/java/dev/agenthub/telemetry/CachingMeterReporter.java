package dev.agenthub.telemetry;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.AtomicDouble;
import com.uber.m3.tally.Buckets;
import com.uber.m3.tally.Capabilities;
import com.uber.m3.tally.CapableOf;
import com.uber.m3.tally.StatsReporter;
import com.uber.m3.util.Duration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Reports the Temporal SDK's tally metrics into a Micrometer registry exactly as Temporal's {@code
 * MicrometerClientStatsReporter} does (same names and tags; counters incremented by the reported
 * value, gauges set, timers registered with {@code publishPercentileHistogram(true)} so the
 * registry's filters decide buckets; histogram samples dropped; closing closes the registry), but
 * resolves each meter once per name and tag map and keeps it, instead of building its id and
 * looking it up in the registry on every report.
 *
 * <p>Tally reports each sub-scope with the same immutable tag map every time ({@code
 * com.uber.m3.util.ImmutableMap}, whose equality is its entries'), so the map itself is the key.
 * The cache holds meters for as long as the reporter lives: nothing in Agent Hub removes meters
 * from the registry or adds meter filters after the first report; code that starts doing either
 * must stop caching here.
 */
final class CachingMeterReporter implements StatsReporter {

  private final MeterRegistry registry;
  private final Map<MeterKey, Counter> counters = new ConcurrentHashMap<>();
  private final Map<MeterKey, AtomicDouble> gauges = new ConcurrentHashMap<>();
  private final Map<MeterKey, Timer> timers = new ConcurrentHashMap<>();

  CachingMeterReporter(MeterRegistry registry) {
    this.registry = requireNonNull(registry, "registry");
  }

  @Override
  public void reportCounter(String name, Map<String, String> tags, long value) {
    counters
        .computeIfAbsent(new MeterKey(name, tags), key -> registry.counter(name, tagsOf(tags)))
        .increment(value);
  }

  @Override
  public void reportGauge(String name, Map<String, String> tags, double value) {
    requireNonNull(name, "Gauge name should be not null");
    gauges
        .computeIfAbsent(
            new MeterKey(name, tags),
            key -> registry.gauge(name, tagsOf(tags), new AtomicDouble(value)))
        .set(value);
  }

  @Override
  public void reportTimer(String name, Map<String, String> tags, Duration interval) {
    timers
        .computeIfAbsent(
            new MeterKey(name, tags),
            key ->
                Timer.builder(name)
                    .tags(tagsOf(tags))
                    .publishPercentileHistogram(true)
                    .register(registry))
        .record(interval.getNanos(), TimeUnit.NANOSECONDS);
  }

  /** Dropped, as Temporal's reporter drops them: the SDK reports latencies as timers. */
  @Override
  public void reportHistogramValueSamples(
      String name,
      Map<String, String> tags,
      Buckets buckets,
      double bucketLowerBound,
      double bucketUpperBound,
      long samples) {}

  /** Dropped, as Temporal's reporter drops them: the SDK reports latencies as timers. */
  @Override
  public void reportHistogramDurationSamples(
      String name,
      Map<String, String> tags,
      Buckets buckets,
      Duration bucketLowerBound,
      Duration bucketUpperBound,
      long samples) {}

  @Override
  public Capabilities capabilities() {
    return CapableOf.REPORTING;
  }

  /** Nothing buffered: every report goes straight to the registry. */
  @Override
  public void flush() {}

  /**
   * Closes the registry, as Temporal's reporter does when its scope closes (closing a Micrometer
   * registry twice does nothing, so an owner closing it afterwards is fine).
   */
  @Override
  public void close() {
    registry.close();
  }

  private static List<Tag> tagsOf(Map<String, String> tags) {
    List<Tag> list = new ArrayList<>(tags == null ? 0 : tags.size());
    if (tags != null) {
      tags.forEach((key, value) -> list.add(Tag.of(key, value)));
    }
    return list;
  }

  /** One meter's identity as tally reports it. */
  private record MeterKey(String name, Map<String, String> tags) {}
}
