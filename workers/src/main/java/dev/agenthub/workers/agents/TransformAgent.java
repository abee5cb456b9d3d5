package dev.agenthub.workers.agents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.shared.agents.AgentSpec;
import dev.agenthub.shared.agents.BuiltInAgentSpecs;
import dev.agenthub.shared.pipeline.expr.CelExpressions;
import dev.agenthub.shared.pipeline.expr.ExpressionException;
import dev.agenthub.shared.workflow.AgentResult;
import dev.agenthub.shared.workflow.FailureTypes;
import dev.agenthub.shared.workflow.Usage;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code transform} agent: evaluates the CEL {@code expression} over the run context ({@code
 * input}, {@code steps}, {@code run}) and outputs its value as JSON. Failures to compile or
 * evaluate are non-retryable {@link FailureTypes#EXPRESSION_ERROR}s: repeating cannot fix them.
 */
final class TransformAgent implements Agent {

  @Override
  public AgentSpec spec() {
    return BuiltInAgentSpecs.TRANSFORM;
  }

  @Override
  public AgentResult run(AgentCall call) throws AgentException {
    JsonNode expression = call.arguments().get("expression");
    if (expression == null || !expression.isTextual() || expression.textValue().isBlank()) {
      throw AgentException.configError("argument `expression` must be a CEL expression string");
    }
    JsonNode context = call.request().context();
    Map<String, JsonNode> variables = new HashMap<>();
    for (String name : CelExpressions.VARIABLES) {
      JsonNode value = context == null ? null : context.get(name);
      variables.put(name, value == null ? HttpBodies.JSON.createObjectNode() : value);
    }
    try {
      return AgentResult.of(CelExpressions.evaluate(expression.textValue(), variables), Usage.NONE);
    } catch (ExpressionException e) {
      throw new AgentException(FailureTypes.EXPRESSION_ERROR, e.getMessage(), false);
    }
  }
}
