package dev.agenthub.agents;

import dev.agenthub.telemetry.PresetSpanIds;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.util.concurrent.TimeUnit;

/**
 * Emits an agent loop's {@code invoke_agent {step}} span (OpenTelemetry GenAI conventions) when the
 * loop has ended, with the id its {@code chat} and {@code execute_tool} spans already name as their
 * parent (through {@link PresetSpanIds}) and the loop's start and end as its timestamps. Its parent
 * is the current span, the local activity's {@code RunActivity}. Where ids cannot be preset (an
 * attached Java agent) the span gets an id of its own and the children stay where they were.
 */
final class InvokeAgentSpans {

  static final AttributeKey<Long> TURNS = AttributeKey.longKey("agenthub.agent.turns");

  private final Tracer tracer;

  InvokeAgentSpans(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry.getTracer(AgentActivities.INSTRUMENTATION_SCOPE);
  }

  void emit(InvokeAgentSpan loop) {
    SpanBuilder builder =
        tracer
            .spanBuilder("invoke_agent " + loop.step())
            .setSpanKind(SpanKind.INTERNAL)
            .setStartTimestamp(loop.startMillis(), TimeUnit.MILLISECONDS)
            .setAttribute(GenAiAttributes.OPERATION_NAME, "invoke_agent")
            .setAttribute(GenAiAttributes.AGENT_NAME, loop.step())
            .setAttribute(AgentActivities.PIPELINE, loop.pipeline())
            .setAttribute(AgentActivities.STEP, loop.step())
            .setAttribute(GenAiAttributes.USAGE_INPUT_TOKENS, loop.inputTokens())
            .setAttribute(GenAiAttributes.USAGE_OUTPUT_TOKENS, loop.outputTokens())
            .setAttribute(AgentActivities.COST_USD, loop.costUsd())
            .setAttribute(TURNS, (long) loop.turns());
    if (loop.model() != null) {
      builder.setAttribute(GenAiAttributes.REQUEST_MODEL, loop.model());
    }
    Span span;
    try (PresetSpanIds.Preset preset = PresetSpanIds.preset(loop.spanId())) {
      span = builder.startSpan();
    }
    if (loop.errorType() != null) {
      span.setStatus(StatusCode.ERROR, loop.errorType());
      span.setAttribute(GenAiAttributes.ERROR_TYPE, loop.errorType());
    }
    span.end(loop.endMillis(), TimeUnit.MILLISECONDS);
  }
}
