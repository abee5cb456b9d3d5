package dev.agenthub.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agenthub.cost.Usage;
import dev.agenthub.telemetry.PresetSpanIds;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ToolSpansTest {

  @RegisterExtension static final OpenTelemetryExtension otel = OpenTelemetryExtension.create();

  private static final AgentResult RESULT =
      AgentResult.of(JsonNodeFactory.instance.objectNode(), new Usage("m", 1, 2, 0.25, true));

  @Test
  void run_toolCall_isAnExecuteToolSpanWithTheToolNameCallIdAndCost() throws Exception {
    AgentRequest request =
        new AgentRequest(
            "p", "research", null, "k", null, new AgentRequest.ToolCall("search_web", "call_7"));

    ToolSpans.run(otel.getOpenTelemetry(), request, () -> RESULT);

    SpanData span = otel.getSpans().get(0);
    assertThat(span.getName()).isEqualTo("execute_tool search_web");
    assertThat(span.getAttributes().get(GenAiAttributes.OPERATION_NAME)).isEqualTo("execute_tool");
    assertThat(span.getAttributes().get(GenAiAttributes.TOOL_NAME)).isEqualTo("search_web");
    assertThat(span.getAttributes().get(GenAiAttributes.TOOL_CALL_ID)).isEqualTo("call_7");
    assertThat(span.getAttributes().get(AgentActivities.COST_USD)).isEqualTo(0.25);
  }

  @Test
  void run_toolCallOfALoop_isAChildOfTheLoopSpan_whereIdsCanBePreset() throws Exception {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    try (OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .setIdGenerator(new PresetSpanIds())
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .build()) {
      AgentRequest request =
          new AgentRequest(
              "p",
              "research",
              null,
              "k",
              null,
              new AgentRequest.ToolCall("search_web", "call_7"),
              "00f067aa0ba902b7");
      Span activity = sdk.getTracer("test").spanBuilder("RunActivity:http").startSpan();
      try (Scope scope = activity.makeCurrent()) {
        ToolSpans.run(sdk, request, () -> RESULT);
      } finally {
        activity.end();
      }

      SpanData tool = exporter.getFinishedSpanItems().get(0);
      assertThat(tool.getName()).isEqualTo("execute_tool search_web");
      assertThat(tool.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
      assertThat(tool.getTraceId()).isEqualTo(activity.getSpanContext().getTraceId());
    }
  }

  @Test
  void run_toolCallOfALoop_staysUnderTheActivity_whereIdsCannotBePreset() throws Exception {
    AgentRequest request =
        new AgentRequest(
            "p",
            "research",
            null,
            "k",
            null,
            new AgentRequest.ToolCall("t", "c"),
            "00f067aa0ba902b7");
    Span activity = otel.getOpenTelemetry().getTracer("test").spanBuilder("activity").startSpan();
    try (Scope scope = activity.makeCurrent()) {
      ToolSpans.run(otel.getOpenTelemetry(), request, () -> RESULT);
    } finally {
      activity.end();
    }

    SpanData tool =
        otel.getSpans().stream()
            .filter(s -> s.getName().equals("execute_tool t"))
            .findFirst()
            .orElseThrow();
    assertThat(tool.getParentSpanId()).isEqualTo(activity.getSpanContext().getSpanId());
  }

  @Test
  void run_failingToolCall_marksTheSpanAnError() {
    AgentRequest request =
        new AgentRequest("p", "s", null, "k", null, new AgentRequest.ToolCall("t", "c"));

    assertThatThrownBy(
            () ->
                ToolSpans.run(
                    otel.getOpenTelemetry(),
                    request,
                    () -> {
                      throw AgentException.remoteError("down");
                    }))
        .isInstanceOf(AgentException.class);

    assertThat(otel.getSpans().get(0).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  @Test
  void run_stepsOwnAgent_addsNoSpan() throws Exception {
    ToolSpans.run(
        otel.getOpenTelemetry(), new AgentRequest("p", "s", null, "k", null), () -> RESULT);

    assertThat(otel.getSpans()).isEmpty();
  }
}
