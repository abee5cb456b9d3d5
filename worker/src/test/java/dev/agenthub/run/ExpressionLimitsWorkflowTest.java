package dev.agenthub.run;

import static dev.agenthub.run.TestPipelines.agent;
import static dev.agenthub.run.TestPipelines.json;
import static dev.agenthub.run.TestPipelines.pipeline;
import static dev.agenthub.run.TestPipelines.when;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.dsl.PipelineDefinition;
import io.temporal.api.enums.v1.EventType;
import io.temporal.failure.ApplicationFailure;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An expression that would run away on its input fails its step at the evaluation limits, within
 * one workflow task, instead of stalling the task until Temporal's deadlock detector trips (and the
 * task is retried forever).
 */
class ExpressionLimitsWorkflowTest {

  /** {@code {"xs": [0, 1, ..., 2999]}}: 9 million pairs for a nested comprehension. */
  private static final String LARGE_INPUT =
      IntStream.range(0, 3_000)
          .mapToObj(Integer::toString)
          .collect(Collectors.joining(",", "{\"xs\": [", "]}"));

  private final InterpreterFixture fixture = new InterpreterFixture();

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private ApplicationFailure failureOf(String id, PipelineDefinition pipeline, String input) {
    return fixture.failureOf(id, PipelineRunInput.of(pipeline, json(input)));
  }

  private long failedWorkflowTasks(String id) {
    return fixture.history(id).getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED)
        .count();
  }

  @Test
  void nestedComprehensionOverALargeInput_failsTheStepAtTheIterationLimit() {
    String expression = "input.xs.map(x, input.xs.all(y, x + y >= 0))";
    PipelineDefinition pipeline =
        pipeline(
            agent("expand", "echo", "{\"pairs\": \"${{ " + expression + " }}\"}"),
            agent("publish", "echo", "{}", "expand"));

    ApplicationFailure failure = failureOf("limits-with", pipeline, LARGE_INPUT);

    assertThat(failure.getType()).isEqualTo(FailureTypes.STEP_FAILED);
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "step \"expand\" failed: ExpressionLimitExceeded: expression `"
                + expression
                + "` makes more than 5000 comprehension iterations");
    assertThat(fixture.agents.calls("expand")).isZero();
    assertThat(fixture.agents.calls("publish")).isZero();
    assertThat(failedWorkflowTasks("limits-with")).isZero();
  }

  @Test
  void runawayWhenCondition_failsItsStepWithTheLimitType() {
    String condition = "input.xs.all(x, input.xs.exists(y, x < y) || x == 2999)";
    PipelineDefinition pipeline = pipeline(when(agent("gate", "echo", "{}"), condition));

    ApplicationFailure failure = failureOf("limits-when", pipeline, LARGE_INPUT);

    assertThat(failure.getOriginalMessage())
        .startsWith("step \"gate\" failed: ExpressionLimitExceeded: expression `" + condition);
    RunProgress progress = failure.getDetails().get(RunProgress.class);
    assertThat(progress.steps().get(0).error().type())
        .isEqualTo(FailureTypes.EXPRESSION_LIMIT_EXCEEDED);
    assertThat(failedWorkflowTasks("limits-when")).isZero();
  }
}
