package dev.agenthub.agents;

import static dev.agenthub.agents.AgentCalls.callWithContext;
import static dev.agenthub.agents.AgentCalls.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agenthub.agents.transform.TransformAgent;
import dev.agenthub.cost.Usage;
import dev.agenthub.run.FailureTypes;
import org.junit.jupiter.api.Test;

class TransformAgentTest {

  private static final String CONTEXT =
      """
      {"input": {"topic": "durability", "scores": [3, 5, 8]},
       "steps": {"draft": {"status": "succeeded", "output": {"text": "Draft text"}}},
       "run": {"id": "run-1", "pipeline": "demo"}}
      """;

  private final TransformAgent agent = new TransformAgent();

  @Test
  void run_evaluatesExpressionOverInputStepsAndRun() throws Exception {
    AgentResult result =
        agent.run(
            callWithContext(
                """
                {"expression": "{'title': input.topic + ' brief', 'draft': steps.draft.output.text, 'run': run.id, 'high': input.scores.filter(s, s > 4)}"}
                """,
                CONTEXT));

    assertThat(result.output())
        .isEqualTo(
            json(
                """
                {"title": "durability brief", "draft": "Draft text", "run": "run-1", "high": [5, 8]}
                """));
    assertThat(result.usage()).isEqualTo(Usage.NONE);
  }

  @Test
  void run_returnsScalars() throws Exception {
    assertThat(
            agent
                .run(callWithContext("{\"expression\": \"size(input.scores) * 2\"}", CONTEXT))
                .output())
        .isEqualTo(json("6"));
  }

  @Test
  void run_evaluationFailure_isNonRetryableExpressionError() {
    AgentException e =
        catchThrowableOfType(
            AgentException.class,
            () -> agent.run(callWithContext("{\"expression\": \"input.missing.x\"}", CONTEXT)));

    assertThat(e.type()).isEqualTo(FailureTypes.EXPRESSION_ERROR);
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void run_syntaxError_isNonRetryableExpressionError() {
    AgentException e =
        catchThrowableOfType(
            AgentException.class,
            () -> agent.run(callWithContext("{\"expression\": \"input.(\"}", CONTEXT)));

    assertThat(e.type()).isEqualTo(FailureTypes.EXPRESSION_ERROR);
  }

  @Test
  void run_withoutExpression_isConfigError() {
    AgentException e =
        catchThrowableOfType(AgentException.class, () -> agent.run(callWithContext("{}", CONTEXT)));

    assertThat(e.type()).isEqualTo(FailureTypes.AGENT_CONFIG_ERROR);
  }
}
