package dev.agenthub.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PresetSpanIdsTest {

  private static final String ID = "00f067aa0ba902b7";

  private final OpenTelemetrySdk sdk = sdk(new PresetSpanIds());
  private final Tracer tracer = sdk.getTracer("test");

  /** An SDK that records spans (one without processors makes no-op spans) with {@code ids}. */
  private static OpenTelemetrySdk sdk(IdGenerator ids) {
    return OpenTelemetrySdk.builder()
        .setTracerProvider(
            SdkTracerProvider.builder()
                .setIdGenerator(ids)
                .addSpanProcessor(SimpleSpanProcessor.create(SpanExporter.composite()))
                .build())
        .build();
  }

  @AfterEach
  void tearDown() {
    sdk.close();
  }

  @Test
  void startSpan_withAPreset_takesThePresetIdOnce() {
    Span first;
    Span second;
    try (PresetSpanIds.Preset preset = PresetSpanIds.preset(ID)) {
      first = tracer.spanBuilder("first").startSpan();
      second = tracer.spanBuilder("second").startSpan();
    }

    assertThat(first.getSpanContext().getSpanId()).isEqualTo(ID);
    assertThat(second.getSpanContext().getSpanId()).isNotEqualTo(ID);
  }

  @Test
  void startSpan_afterThePresetIsClosed_getsARandomId() {
    try (PresetSpanIds.Preset preset = PresetSpanIds.preset(ID)) {
      // closed unused
    }

    Span span = tracer.spanBuilder("later").startSpan();

    assertThat(span.getSpanContext().getSpanId()).isNotEqualTo(ID);
    assertThat(span.getSpanContext().isValid()).isTrue();
  }

  @Test
  void preset_invalidId_isRefused() {
    assertThatThrownBy(() -> PresetSpanIds.preset("0000000000000000"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void honoredBy_isTrueForAnSdkWithIt_andFalseOtherwise() {
    try (OpenTelemetrySdk plain = sdk(IdGenerator.random())) {
      assertThat(PresetSpanIds.honoredBy(sdk)).isTrue();
      assertThat(PresetSpanIds.honoredBy(plain)).isFalse();
      assertThat(PresetSpanIds.honoredBy(OpenTelemetry.noop())).isFalse();
    }
  }

  @Test
  void honoredBy_exportsNothing_evenUnderASamplerThatRecordsEverySpan() {
    List<SpanData> exported = new CopyOnWriteArrayList<>();
    try (OpenTelemetrySdk recordingAll =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .setIdGenerator(new PresetSpanIds())
                    .setSampler(Sampler.alwaysOn())
                    .addSpanProcessor(SimpleSpanProcessor.create(collecting(exported)))
                    .build())
            .build()) {
      assertThat(PresetSpanIds.honoredBy(recordingAll)).isTrue();
    }

    assertThat(exported).isEmpty();
  }

  private static SpanExporter collecting(List<SpanData> exported) {
    return new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        exported.addAll(spans);
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    };
  }

  @Test
  void parent_insideATrace_isThePresetIdInTheCurrentTrace() {
    Span current = tracer.spanBuilder("activity").startSpan();
    try (Scope scope = current.makeCurrent()) {
      Context parent = PresetSpanIds.parent(sdk, ID).orElseThrow();

      SpanContext context = Span.fromContext(parent).getSpanContext();
      assertThat(context.getSpanId()).isEqualTo(ID);
      assertThat(context.getTraceId()).isEqualTo(current.getSpanContext().getTraceId());
      assertThat(context.isSampled()).isTrue();
    }
  }

  @Test
  void parent_withoutATraceOrAnId_orWhereIdsCannotBePreset_isEmpty() {
    assertThat(PresetSpanIds.parent(sdk, ID)).isEmpty();
    Span current = tracer.spanBuilder("activity").startSpan();
    try (Scope scope = current.makeCurrent();
        OpenTelemetrySdk plain = sdk(IdGenerator.random())) {
      assertThat(PresetSpanIds.parent(sdk, null)).isEmpty();
      assertThat(PresetSpanIds.parent(plain, ID)).isEmpty();
    }
  }

  @Test
  void parent_probesEachInstanceOnce() {
    AtomicInteger tracers = new AtomicInteger();
    OpenTelemetry counting =
        new OpenTelemetry() {
          @Override
          public TracerProvider getTracerProvider() {
            tracers.incrementAndGet();
            return sdk.getTracerProvider();
          }

          @Override
          public ContextPropagators getPropagators() {
            return sdk.getPropagators();
          }
        };
    Span current = tracer.spanBuilder("activity").startSpan();
    try (Scope scope = current.makeCurrent()) {
      assertThat(PresetSpanIds.parent(counting, ID)).isPresent();
      assertThat(PresetSpanIds.parent(counting, ID)).isPresent();
    }

    assertThat(tracers).hasValue(1);
  }

  @Test
  void start_installsTheGenerator() {
    // A trace exporter, so that the SDK records spans; the probe's are unsampled and never sent.
    System.setProperty("otel.traces.exporter", "otlp");
    System.setProperty("otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:9");
    Tracing started;
    try {
      started = Tracing.start("agenthub-test", ExportMode.WHEN_CONFIGURED);
    } finally {
      System.clearProperty("otel.traces.exporter");
      System.clearProperty("otel.exporter.otlp.traces.endpoint");
    }
    try (Tracing tracing = started) {
      assertThat(PresetSpanIds.honoredBy(tracing.openTelemetry())).isTrue();
    }
  }
}
