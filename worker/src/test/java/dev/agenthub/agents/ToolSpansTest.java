package dev.agenthub.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agenthub.cost.Usage;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
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
    assertThat(span.getAttributes().get(ToolSpans.GEN_AI_OPERATION_NAME)).isEqualTo("execute_tool");
    assertThat(span.getAttributes().get(ToolSpans.GEN_AI_TOOL_NAME)).isEqualTo("search_web");
    assertThat(span.getAttributes().get(ToolSpans.GEN_AI_TOOL_CALL_ID)).isEqualTo("call_7");
    assertThat(span.getAttributes().get(AgentActivities.COST_USD)).isEqualTo(0.25);
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
