package dev.agenthub.agents;

import dev.agenthub.telemetry.PresetSpanIds;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;

/**
 * The {@code execute_tool {tool}} span (OpenTelemetry GenAI conventions) around an agent that runs
 * a tool call of an agent loop, with the tool's name, the model's call id and the call's cost. No
 * arguments or results: they may hold what the model read. Its parent is the loop's {@code
 * invoke_agent} span ({@link AgentRequest#agentSpanId}) where span ids can be preset, else the
 * activity's {@code RunActivity} span.
 */
final class ToolSpans {

  /** What the agent does. */
  interface AgentRun {
    AgentResult run() throws Exception;
  }

  private ToolSpans() {}

  /** Runs {@code run}, inside an {@code execute_tool} span when {@code request} is a tool call. */
  static AgentResult run(OpenTelemetry openTelemetry, AgentRequest request, AgentRun run)
      throws Exception {
    AgentRequest.ToolCall tool = request.tool();
    if (tool == null) {
      return run.run();
    }
    SpanBuilder builder =
        openTelemetry
            .getTracer(AgentActivities.INSTRUMENTATION_SCOPE)
            .spanBuilder("execute_tool " + tool.name())
            .setSpanKind(SpanKind.INTERNAL)
            .setAttribute(GenAiAttributes.OPERATION_NAME, "execute_tool")
            .setAttribute(GenAiAttributes.TOOL_NAME, tool.name())
            .setAttribute(GenAiAttributes.TOOL_CALL_ID, tool.callId())
            .setAttribute(GenAiAttributes.TOOL_TYPE, "function");
    PresetSpanIds.parent(openTelemetry, request.agentSpanId()).ifPresent(builder::setParent);
    Span span = builder.startSpan();
    try (Scope scope = span.makeCurrent()) {
      AgentResult result = run.run();
      if (result.usage() != null) {
        span.setAttribute(AgentActivities.COST_USD, result.usage().costUsd());
      }
      return result;
    } catch (Exception e) {
      span.setStatus(StatusCode.ERROR, e.getMessage());
      span.setAttribute("error.type", e.getClass().getName());
      throw e;
    } finally {
      span.end();
    }
  }
}
