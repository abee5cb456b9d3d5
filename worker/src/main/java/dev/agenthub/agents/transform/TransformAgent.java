package dev.agenthub.agents.transform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.agents.Agent;
import dev.agenthub.agents.AgentCall;
import dev.agenthub.agents.AgentException;
import dev.agenthub.agents.AgentResult;
import dev.agenthub.agents.BuiltInAgentSpecs;
import dev.agenthub.agents.HttpBodies;
import dev.agenthub.cost.Usage;
import dev.agenthub.dsl.expr.CelExpressions;
import dev.agenthub.dsl.expr.ExpressionException;
import dev.agenthub.run.FailureTypes;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code transform} agent: evaluates the CEL {@code expression} over the run context ({@code
 * input}, {@code steps}, {@code run}) and outputs its value as JSON. Failures to compile or
 * evaluate are non-retryable {@link FailureTypes#EXPRESSION_ERROR}s: repeating cannot fix them.
 */
public final class TransformAgent implements Agent {

  @Override
  public String name() {
    return BuiltInAgentSpecs.TRANSFORM.name();
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
