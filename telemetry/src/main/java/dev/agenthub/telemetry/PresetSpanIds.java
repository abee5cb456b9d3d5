package dev.agenthub.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.IdGenerator;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * The SDK's span and trace ids: random, except that code may preset the id of the next span its
 * thread starts ({@link #preset}). This lets a span be emitted after its children, with the id they
 * already named as their parent: an agent loop's {@code invoke_agent} span is written when the loop
 * ends, by a workflow that chose its id when the loop began.
 *
 * <p>{@link Tracing#start} installs it in the SDK it builds; tests that build their own SDK pass
 * {@code new PresetSpanIds()} to {@code SdkTracerProvider.Builder.setIdGenerator}. An attached
 * OpenTelemetry Java agent has its own generator: there {@link #honoredBy} is false and presets
 * have no effect.
 */
public final class PresetSpanIds implements IdGenerator {

  private static final ThreadLocal<String> PRESET = new ThreadLocal<>();
  private static final IdGenerator RANDOM = IdGenerator.random();
  private static final String PROBE_TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String PROBE_PARENT = "b7ad6b7169203331";
  private static final String PROBE_SPAN = "53995c3f42cd8ad8";

  /** {@link #honoredBy} of each instance {@link #parent} was asked about, found out once. */
  private static final Map<OpenTelemetry, Boolean> HONORED =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** A preset id, in effect until closed. */
  public interface Preset extends AutoCloseable {
    @Override
    void close();
  }

  @Override
  public String generateSpanId() {
    String preset = PRESET.get();
    if (preset == null) {
      return RANDOM.generateSpanId();
    }
    // One span only: anything else the thread starts meanwhile gets a random id.
    PRESET.remove();
    return preset;
  }

  @Override
  public String generateTraceId() {
    return RANDOM.generateTraceId();
  }

  /**
   * Makes {@code spanId} (16 lowercase hex digits, not all zero) the id of the next span this
   * thread starts, until the returned preset is closed; use it with try-with-resources around
   * {@code startSpan()}.
   */
  public static Preset preset(String spanId) {
    if (!SpanId.isValid(spanId)) {
      throw new IllegalArgumentException("not a span id: " + spanId);
    }
    PRESET.set(spanId);
    return PRESET::remove;
  }

  /**
   * Whether spans of {@code openTelemetry} take preset ids: false for an attached Java agent's
   * instance, a no-op instance, an SDK built with another id generator, or one without span
   * processors (it records nothing, so its spans are no-ops). Finds out by starting a span under an
   * unsampled parent and never ending it, so that nothing is exported.
   */
  public static boolean honoredBy(OpenTelemetry openTelemetry) {
    SpanContext unsampled =
        SpanContext.createFromRemoteParent(
            PROBE_TRACE, PROBE_PARENT, TraceFlags.getDefault(), TraceState.getDefault());
    Span probe;
    try (Preset preset = preset(PROBE_SPAN)) {
      probe =
          openTelemetry
              .getTracer(PresetSpanIds.class.getName())
              .spanBuilder("probe")
              .setParent(Context.root().with(Span.wrap(unsampled)))
              .startSpan();
    }
    // Never ended: a sampler that records it anyway (always_on) still exports nothing.
    return probe.getSpanContext().getSpanId().equals(PROBE_SPAN);
  }

  /**
   * The context whose span is {@code spanId} in the current span's trace, for spans to start as its
   * children before it is emitted; empty when {@code spanId} is null or invalid, when there is no
   * current trace, or when {@code openTelemetry} does not honor presets (the span would be emitted
   * with another id, and they would point at a parent that never comes). Whether it does is found
   * out once per instance.
   */
  public static Optional<Context> parent(OpenTelemetry openTelemetry, String spanId) {
    SpanContext current = Span.current().getSpanContext();
    if (spanId == null
        || !SpanId.isValid(spanId)
        || !TraceId.isValid(current.getTraceId())
        || !HONORED.computeIfAbsent(openTelemetry, PresetSpanIds::honoredBy)) {
      return Optional.empty();
    }
    SpanContext parent =
        SpanContext.createFromRemoteParent(
            current.getTraceId(), spanId, current.getTraceFlags(), current.getTraceState());
    return Optional.of(Context.current().with(Span.wrap(parent)));
  }
}
