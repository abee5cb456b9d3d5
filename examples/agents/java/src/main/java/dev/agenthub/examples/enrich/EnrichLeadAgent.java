package dev.agenthub.examples.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.agents.Agent;
import dev.agenthub.agents.AgentCall;
import dev.agenthub.agents.AgentException;
import dev.agenthub.agents.AgentResult;
import dev.agenthub.cost.Usage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;

/**
 * {@code enrich-lead}: gives a scored lead a sales tier (A from a score of 0.7, B from 0.4, else C)
 * and the owner team of that tier. Declared in {@code examples/agents/declared/enrich-lead.yml}.
 */
public final class EnrichLeadAgent implements Agent {

  @Override
  public String name() {
    return "enrich-lead";
  }

  @Override
  public AgentResult run(AgentCall call) throws AgentException {
    JsonNode arguments = call.arguments();
    JsonNode score = arguments.path("score");
    if (!score.isNumber()) {
      // A retry cannot fix a bad argument: fail the step at once.
      throw AgentException.configError("score must be a number, got " + score);
    }
    Tracer tracer = call.openTelemetry().getTracer("dev.agenthub.examples.enrich");
    Span span = tracer.spanBuilder("enrich-lead tier").startSpan();
    try {
      double value = score.doubleValue();
      String tier = value >= 0.7 ? "A" : value >= 0.4 ? "B" : "C";
      span.setAttribute("lead.tier", tier);
      call.heartbeat().beat(null);
      ObjectNode output = JsonNodeFactory.instance.objectNode();
      output.put("company", arguments.path("company").asText());
      output.put("tier", tier);
      output.put("owner", "A".equals(tier) ? "enterprise-sales" : "inside-sales");
      output.put("step", call.stepId());
      output.put("attempt", call.attempt());
      return AgentResult.of(output, Usage.NONE);
    } finally {
      span.end();
    }
  }
}
