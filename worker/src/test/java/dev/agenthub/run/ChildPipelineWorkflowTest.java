package dev.agenthub.run;

import static dev.agenthub.run.InterpreterFixture.step;
import static dev.agenthub.run.TestPipelines.agent;
import static dev.agenthub.run.TestPipelines.child;
import static dev.agenthub.run.TestPipelines.forEach;
import static dev.agenthub.run.TestPipelines.json;
import static dev.agenthub.run.TestPipelines.named;
import static dev.agenthub.run.TestPipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.agents.AgentDeclaration;
import dev.agenthub.cost.Price;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.RetryDefinition;
import dev.agenthub.dsl.StepDefinition;
import dev.agenthub.testing.Poll;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code pipeline:} steps: child workflows, their outputs, usage, failures and cancellation. */
class ChildPipelineWorkflowTest {

  private static final PipelineDefinition SUMMARISE =
      named(
          "summarise",
          pipeline(
              "{\"summary\": \"${{ steps.sum.output.text }}\"}",
              agent("sum", "echo", "{\"text\": \"summary of ${{ input.text }}\"}")));

  private static final PipelineDefinition BROKEN =
      named("broken-child", pipeline(agent("fetch", "broken", "{}")));

  private static final PipelineDefinition SLOW =
      named("slow-child", pipeline(agent("wait", "slow", "{\"millis\": 60000}")));

  private final InterpreterFixture fixture = new InterpreterFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  private static PipelineRunInput input(PipelineDefinition parent, String json) {
    return PipelineRunInput.of(parent, json(json))
        .withPipelines(Map.of("summarise", SUMMARISE, "broken-child", BROKEN, "slow-child", SLOW));
  }

  @Test
  void pipelineStep_runsTheChildAsAChildWorkflow_andTakesItsOutputAndUsage() {
    PipelineDefinition parent =
        pipeline(child("one", "summarise", "{\"text\": \"${{ input.doc }}\"}"));

    PipelineRunResult result = fixture.run("parent-one", input(parent, "{\"doc\": \"cel\"}"));

    StepProgress one = step(result, "one");
    assertThat(one.kind()).isEqualTo("pipeline:summarise");
    assertThat(one.output()).isEqualTo(json("{\"summary\": \"summary of cel\"}"));
    assertThat(one.usage().inputTokens()).isEqualTo(10);
    assertThat(result.usage().costUsd()).isEqualTo(0.001);
    assertThat(fixture.history("parent-one").getEvents())
        .anyMatch(
            e -> e.getEventType() == EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED);
    assertThat(fixture.history("parent-one/one").getEvents())
        .anyMatch(
            e ->
                e.hasWorkflowExecutionStartedEventAttributes()
                    && e.getWorkflowExecutionStartedEventAttributes()
                        .getParentWorkflowExecution()
                        .getWorkflowId()
                        .equals("parent-one"));
  }

  @Test
  void forEachOverAPipelineStep_runsOneChildPerElement_inOrder() {
    PipelineDefinition parent =
        pipeline(
            forEach(
                child("each", "summarise", "{\"text\": \"${{ item }}\"}"),
                "input.docs",
                null,
                null));

    PipelineRunResult result =
        fixture.run("parent-map", input(parent, "{\"docs\": [\"a\", \"b\", \"c\"]}"));

    assertThat(step(result, "each").output())
        .isEqualTo(
            json(
                "[{\"summary\": \"summary of a\"}, {\"summary\": \"summary of b\"},"
                    + " {\"summary\": \"summary of c\"}]"));
    assertThat(result.usage().inputTokens()).isEqualTo(30);
    assertThat(fixture.history("parent-map/each[2]").getEvents()).isNotEmpty();
  }

  @Test
  void pipelineStep_underABudget_startsTheChildWithWhatTheParentHasLeft() {
    // $3 budget, $1.50 spent by the first step: the child has $1.50, so a $1 worst case fits and
    // a $2 one does not, though it would fit the parent's whole budget.
    Map<String, Price> prices =
        Map.of("per-token", new Price("per-token", 0, 1_000_000, LocalDate.of(2025, 1, 1)));
    PipelineDefinition fits = named("fits", pipeline(llm("ask", 1)));
    PipelineDefinition tooDear = named("too-dear", pipeline(llm("ask", 2)));
    PipelineDefinition parent =
        pipeline(
            agent(
                "first", "llm", "{\"model\": \"per-token\", \"max_tokens\": 2, \"costUsd\": 1.5}"),
            child("cheap", "fits", "{}", "first"),
            child("dear", "too-dear", "{}", "cheap"));

    ApplicationFailure failure =
        fixture.failureOf(
            "parent-budget",
            new PipelineRunInput(parent, json("{}"), Map.of(), 3.0, null, prices)
                .withPipelines(Map.of("fits", fits, "too-dear", tooDear)));

    RunProgress progress = failure.getDetails().get(RunProgress.class);
    assertThat(step(progress, "cheap").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(progress.failedStep()).isEqualTo("dear");
    assertThat(failure.getType()).isEqualTo(FailureTypes.BUDGET_EXCEEDED);
    assertThat(failure.getOriginalMessage())
        .contains("pipeline \"too-dear\"", "exceeds the budget of $1.500000");
  }

  private static StepDefinition llm(String id, int maxTokens) {
    return agent(
        id, "llm", "{\"model\": \"per-token\", \"max_tokens\": " + maxTokens + ", \"costUsd\": 0}");
  }

  @Test
  void pipelineStep_runsTheChildsDeclaredAgents_withTheirDeclarations() {
    // Declared with 5 attempts, "flaky" succeeds on its fourth; by default it would stop at 3.
    AgentDeclaration flaky =
        new AgentDeclaration(
            "flaky",
            "fails three times",
            null,
            null,
            null,
            "10s",
            new RetryDefinition(5, "1s", null, null, null),
            null,
            false);
    PipelineDefinition retrying =
        named("retrying", pipeline(agent("fetch", "flaky", "{\"failures\": 3}")));
    PipelineDefinition parent = pipeline(child("one", "retrying", "{}"));

    PipelineRunResult result =
        fixture.run(
            "parent-declared",
            PipelineRunInput.of(parent, json("{}"))
                .withAgents(Map.of("flaky", flaky))
                .withPipelines(Map.of("retrying", retrying)));

    assertThat(step(result, "one").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(fixture.agents.calls("fetch")).isEqualTo(4);
  }

  @Test
  void failingChild_failsTheStep_namingThePipelineAndTheCause() {
    PipelineDefinition parent = pipeline(child("fetch", "broken-child", "{}"));

    ApplicationFailure failure = fixture.failureOf("parent-broken", input(parent, "{}"));

    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "step \"fetch\" failed: StepFailed: pipeline \"broken-child\" (run parent-broken/fetch)"
                + " failed: step \"fetch\" failed: AgentClientError: HTTP 404 Not Found");
  }

  @Test
  void cancellingTheParent_cancelsTheChild() {
    PipelineDefinition parent = pipeline(child("wait", "slow-child", "{}"));
    PipelineWorkflow workflow = fixture.stub("parent-cancel");
    WorkflowClient.start(workflow::run, input(parent, "{}"));
    Poll.untilTrue(
        "the child to start",
        Duration.ofSeconds(20),
        () -> fixture.describe("parent-cancel/wait") != null);

    WorkflowStub.fromTyped(workflow).cancel();

    Poll.untilTrue(
        "the child to be cancelled",
        Duration.ofSeconds(20),
        () ->
            fixture.describe("parent-cancel/wait")
                == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
    Poll.untilTrue(
        "the parent to close cancelled",
        Duration.ofSeconds(20),
        () ->
            fixture.describe("parent-cancel")
                == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
    assertThat(step(workflow.progress(), "wait").status()).isEqualTo(StepStatus.CANCELLED);
  }
}
