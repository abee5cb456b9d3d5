package dev.agenthub.run;

import static dev.agenthub.run.InterpreterFixture.step;
import static dev.agenthub.run.TestPipelines.agent;
import static dev.agenthub.run.TestPipelines.forEach;
import static dev.agenthub.run.TestPipelines.json;
import static dev.agenthub.run.TestPipelines.pipeline;
import static dev.agenthub.run.TestPipelines.when;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.cost.Price;
import dev.agenthub.dsl.OnError;
import dev.agenthub.dsl.PipelineDefinition;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.failure.ApplicationFailure;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code forEach} steps in whole runs: outputs, conditions, failures, concurrency and budget. */
class ForEachWorkflowTest {

  /** $1 per completion token, prompts free: an {@code llm} element's worst case is max_tokens. */
  private static final Map<String, Price> PRICES =
      Map.of("per-token", new Price("per-token", 0, 1_000_000, LocalDate.of(2025, 1, 1)));

  private static final String DOCS =
      "{\"docs\": [{\"name\": \"a\", \"n\": 1}, {\"name\": \"b\", \"n\": 0},"
          + " {\"name\": \"c\", \"n\": 2}, {\"name\": \"d\", \"n\": 4}]}";

  private final InterpreterFixture fixture = new InterpreterFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void forEach_overTheInput_outputsEachElementsOutputInOrder_andSumsUsage() {
    PipelineDefinition pipeline =
        pipeline(
            "{\"names\": \"${{ steps.each.output.map(o, o.text) }}\"}",
            forEach(
                agent("each", "echo", "{\"text\": \"${{ index }}:${{ item.name }}\"}"),
                "input.docs",
                2,
                null),
            agent("after", "echo", "{\"second\": \"${{ steps.each.output[1].text }}\"}", "each"));

    PipelineRunResult result =
        fixture.run("for-each-order", PipelineRunInput.of(pipeline, json(DOCS)));

    assertThat(result.output())
        .isEqualTo(json("{\"names\": [\"0:a\", \"1:b\", \"2:c\", \"3:d\"]}"));
    StepProgress each = step(result, "each");
    assertThat(each.status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(each.usage().inputTokens()).isEqualTo(40);
    assertThat(each.usage().outputTokens()).isEqualTo(20);
    assertThat(each.usage().costUsd()).isCloseTo(0.004, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(result.usage().inputTokens()).isEqualTo(50);
    assertThat(fixture.agents.calls("each")).isEqualTo(4);
    assertThat(step(result, "after").output()).isEqualTo(json("{\"second\": \"1:b\"}"));
  }

  @Test
  void forEach_elementRetried_countsTheMostAttemptsOfAnyElement() {
    PipelineDefinition pipeline =
        pipeline(
            forEach(
                agent("each", "flaky", "{\"failures\": \"${{ item.n }}\"}"),
                "input.docs",
                null,
                null));

    PipelineRunResult result =
        fixture.run(
            "for-each-attempts",
            PipelineRunInput.of(pipeline, json("{\"docs\": [{\"n\": 0}, {\"n\": 1}]}")));

    assertThat(step(result, "each").output())
        .isEqualTo(json("[{\"attempt\": 1}, {\"attempt\": 2}]"));
    assertThat(step(result, "each").attempts()).isEqualTo(2);
  }

  @Test
  void forEach_withConcurrencyTwo_neverHasMoreThanTwoElementsScheduled() {
    PipelineDefinition pipeline =
        pipeline(forEach(agent("each", "slow", "{\"millis\": 50}"), "input.docs", 2, null));

    fixture.run("for-each-concurrency", PipelineRunInput.of(pipeline, json(DOCS)));

    int open = 0;
    int most = 0;
    int scheduled = 0;
    for (HistoryEvent event : fixture.history("for-each-concurrency").getEvents()) {
      if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
        open++;
        scheduled++;
      } else if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
        open--;
      }
      most = Math.max(most, open);
    }
    assertThat(scheduled).isEqualTo(4);
    assertThat(most).isEqualTo(2);
  }

  @Test
  void forEach_withWhenOnTheItem_skipsElementsWhoseConditionIsFalse() {
    PipelineDefinition pipeline =
        pipeline(
            forEach(
                when(agent("each", "echo", "{\"name\": \"${{ item.name }}\"}"), "item.n > 1"),
                "input.docs",
                null,
                null));

    PipelineRunResult result =
        fixture.run("for-each-when", PipelineRunInput.of(pipeline, json(DOCS)));

    assertThat(step(result, "each").output())
        .isEqualTo(json("[null, null, {\"name\": \"c\"}, {\"name\": \"d\"}]"));
    assertThat(fixture.agents.calls("each")).isEqualTo(2);
  }

  @Test
  void failingElement_underOnItemErrorFail_failsTheStepNamingTheElement() {
    PipelineDefinition pipeline =
        pipeline(
            forEach(
                agent("each", "echo", "{\"share\": \"${{ 12 / item.n }}\"}"),
                "input.docs",
                1,
                OnError.FAIL));

    ApplicationFailure failure =
        fixture.failureOf("for-each-fail", PipelineRunInput.of(pipeline, json(DOCS)));

    assertThat(failure.getType()).isEqualTo(FailureTypes.STEP_FAILED);
    assertThat(failure.getOriginalMessage())
        .startsWith(
            "step \"each\" failed: ExpressionError: element 1 failed: expression `12 / item.n`");
    // With one element at a time, nothing after the failing element started.
    assertThat(fixture.agents.calls("each")).isEqualTo(1);
  }

  @Test
  void failingElement_underOnItemErrorContinue_takesItsPlaceAsAnError() {
    PipelineDefinition pipeline =
        pipeline(
            forEach(
                agent("each", "echo", "{\"share\": \"${{ 12 / item.n }}\"}"),
                "input.docs",
                null,
                OnError.CONTINUE));

    PipelineRunResult result =
        fixture.run("for-each-continue", PipelineRunInput.of(pipeline, json(DOCS)));

    JsonNode output = step(result, "each").output();
    assertThat(output).hasSize(4);
    assertThat(output.get(0)).isEqualTo(json("{\"share\": 12}"));
    assertThat(output.get(1).path("error").path("type").asText())
        .isEqualTo(FailureTypes.EXPRESSION_ERROR);
    assertThat(output.get(3)).isEqualTo(json("{\"share\": 3}"));
    assertThat(fixture.agents.calls("each")).isEqualTo(3);
  }

  @Test
  void forEach_overMoreElementsThanTheRunAllows_failsBeforeAnyStarts() {
    PipelineDefinition pipeline =
        pipeline(forEach(agent("each", "echo", "{}"), "input.docs", null, null));

    ApplicationFailure failure =
        fixture.failureOf(
            "for-each-too-large", PipelineRunInput.of(pipeline, json(DOCS)).withMaxForEachItems(3));

    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "step \"each\" failed: ForEachTooLarge: forEach `input.docs` gives 4 elements, more"
                + " than the 3 one step may run (runs.maxForEachItems); split the list");
    assertThat(fixture.agents.calls("each")).isZero();
  }

  @Test
  void forEach_overExactlyAsManyElementsAsTheRunAllows_runsThemAll() {
    PipelineDefinition pipeline =
        pipeline(forEach(agent("each", "echo", "{}"), "input.docs", null, null));

    PipelineRunResult result =
        fixture.run(
            "for-each-at-limit", PipelineRunInput.of(pipeline, json(DOCS)).withMaxForEachItems(4));

    assertThat(step(result, "each").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(fixture.agents.calls("each")).isEqualTo(4);
  }

  @Test
  void forEach_whoseListCannotBeEvaluated_failsTheStepAsAnExpressionError() {
    PipelineDefinition pipeline =
        pipeline(forEach(agent("each", "echo", "{}"), "input.missing.deep", null, null));

    ApplicationFailure failure =
        fixture.failureOf("for-each-unevaluable", PipelineRunInput.of(pipeline, json(DOCS)));

    assertThat(failure.getOriginalMessage())
        .startsWith("step \"each\" failed: ExpressionError: expression `input.missing.deep`");
    assertThat(fixture.agents.calls("each")).isZero();
  }

  @Test
  void forEach_overAnObject_failsAsInvalidArguments() {
    PipelineDefinition pipeline =
        pipeline(forEach(agent("each", "echo", "{}"), "input", null, null));

    ApplicationFailure failure =
        fixture.failureOf("for-each-object", PipelineRunInput.of(pipeline, json(DOCS)));

    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "step \"each\" failed: InvalidStepArguments: forEach `input` must give a list, got"
                + " OBJECT");
  }

  @Test
  void forEach_overAnEmptyList_succeedsWithAnEmptyList() {
    PipelineDefinition pipeline = pipeline(forEach(agent("each", "echo", "{}"), "[]", null, null));

    PipelineRunResult result =
        fixture.run("for-each-empty", PipelineRunInput.of(pipeline, json("{}")));

    assertThat(step(result, "each").output()).isEqualTo(json("[]"));
  }

  @Test
  void budget_reservesEachElementsWorstCase_andReleasesItWhenTheElementSettles() {
    PipelineDefinition pipeline =
        pipeline(
            forEach(
                agent("each", "llm", "{\"model\": \"per-token\", \"max_tokens\": 1}"),
                "input.docs",
                1,
                null));

    PipelineRunResult result =
        fixture.run(
            "for-each-budget-released",
            new PipelineRunInput(pipeline, json(DOCS), Map.of(), 1.5, null, PRICES));

    // Four worst cases of $1 exceed $1.5, but one element at a time reserves only its own.
    assertThat(step(result, "each").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(fixture.agents.calls("each")).isEqualTo(4);
  }

  @Test
  void budget_refusingAnElement_failsTheRunAndCancelsTheElementsRunning() {
    PipelineDefinition pipeline =
        pipeline(
            forEach(
                agent(
                    "each",
                    "llm",
                    "{\"model\": \"per-token\", \"max_tokens\": 1, \"millis\": 20000}"),
                "input.docs",
                4,
                null));

    ApplicationFailure failure =
        fixture.failureOf(
            "for-each-budget-refused",
            new PipelineRunInput(pipeline, json(DOCS), Map.of(), 3.5, null, PRICES));

    assertThat(failure.getType()).isEqualTo(FailureTypes.BUDGET_EXCEEDED);
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "step \"each\" element 3 failed: not started: spent $0.000000 + reserved $3.000000 +"
                + " this step's worst case $1.000000 exceeds the budget of $3.500000");
    RunProgress progress = failure.getDetails().get(RunProgress.class);
    assertThat(step(progress, "each").status()).isEqualTo(StepStatus.FAILED);
  }
}
