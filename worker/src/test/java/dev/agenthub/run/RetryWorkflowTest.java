package dev.agenthub.run;

import static dev.agenthub.run.TestPipelines.agent;
import static dev.agenthub.run.TestPipelines.continueOnError;
import static dev.agenthub.run.TestPipelines.json;
import static dev.agenthub.run.TestPipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agenthub.cost.Price;
import dev.agenthub.dsl.PipelineDefinition;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A retry as the API builds it ({@link RetryPlan} over the failed run's succeeded steps and spend)
 * run by the interpreter: what it reuses, and what its budget counts.
 */
class RetryWorkflowTest {

  private static final String QUEUE = "retry-queue";

  /** Output at $1,000 per million tokens: 100 tokens cost $0.10; prompts are free. */
  private static final Map<String, Price> PRICES =
      Map.of("sim-small", new Price("sim-small", 0, 1_000, LocalDate.of(2026, 1, 1)));

  private TestWorkflowEnvironment env;
  private ScriptedAgents agents;
  private WorkflowClient client;

  @BeforeEach
  void setUp() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(PipelineWorkflowImpl.class);
    agents = new ScriptedAgents();
    worker.registerActivitiesImplementations(agents);
    client = env.getWorkflowClient();
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  private PipelineWorkflow stub(String id) {
    return client.newWorkflowStub(
        PipelineWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());
  }

  private static ApplicationFailure failureOf(Runnable run) {
    WorkflowFailedException failed = catchThrowableOfType(WorkflowFailedException.class, run::run);
    assertThat(failed).as("the run should fail").isNotNull();
    return (ApplicationFailure) failed.getCause();
  }

  /** The input {@code RunRestarts} gives the retry of {@code failedId}. */
  private PipelineRunInput retryOf(String failedId, PipelineRunInput original) {
    Map<String, StepProgress> succeeded =
        client.newWorkflowStub(PipelineWorkflow.class, failedId).succeededSteps();
    return new PipelineRunInput(
        original.pipeline(),
        original.input(),
        RetryPlan.reusableSteps(original.pipeline(), succeeded),
        original.budgetUsd(),
        failedId,
        original.prices(),
        original.agents(),
        RetryPlan.spentUsd(original.priorSpendUsd(), succeeded.values()));
  }

  @Test
  void retry_runsAgainEveryStepDownstreamOfAFailedContinueStep_andReusesTheRest() {
    PipelineDefinition pipeline =
        pipeline(
            continueOnError(agent("lookup", "broken", "{}")),
            agent("summary", "echo", "{\"seen\": \"${{ steps.lookup.status }}\"}", "lookup"),
            agent("polish", "echo", "{}", "summary"),
            agent("outline", "echo", "{}"),
            agent("draft", "echo", "{}", "outline"),
            agent("publish", "broken", "{}", "polish", "draft"));
    PipelineRunInput original = PipelineRunInput.of(pipeline, json("{}"));
    failureOf(() -> stub("retry-dag").run(original));
    assertThat(agents.calls("summary")).isEqualTo(1);

    PipelineRunInput retry = retryOf("retry-dag", original);
    failureOf(() -> stub("retry-dag.retry").run(retry));

    assertThat(retry.reusedSteps()).containsOnlyKeys("outline", "draft");
    assertThat(agents.calls("outline")).isEqualTo(1);
    assertThat(agents.calls("draft")).isEqualTo(1);
    assertThat(agents.calls("lookup")).isEqualTo(2);
    assertThat(agents.calls("summary")).isEqualTo(2);
    assertThat(agents.calls("polish")).isEqualTo(2);
  }

  @Test
  void retry_countsWhatTheFailedRunSpent_againstTheBudget() {
    PipelineDefinition pipeline =
        pipeline(
            agent(
                "research",
                "llm",
                "{\"model\": \"sim-small\", \"prompt\": \"p\","
                    + " \"max_tokens\": 100, \"costUsd\": 0.10}"),
            agent("review", "broken", "{}", "research"),
            agent(
                "rewrite",
                "llm",
                "{\"model\": \"sim-small\", \"prompt\": \"p\","
                    + " \"max_tokens\": 100, \"costUsd\": 0.10}",
                "review"));
    PipelineRunInput original =
        new PipelineRunInput(pipeline, json("{}"), Map.of(), 0.25, null, PRICES);
    failureOf(() -> stub("retry-budget").run(original));

    PipelineRunInput first = retryOf("retry-budget", original);
    ApplicationFailure firstRetry = failureOf(() -> stub("retry-budget.retry").run(first));
    PipelineRunInput second = retryOf("retry-budget.retry", first);
    ApplicationFailure secondRetry = failureOf(() -> stub("retry-budget.retry.retry").run(second));

    assertThat(first.priorSpendUsd()).isEqualTo(0.10);
    assertThat(firstRetry.getType()).isEqualTo(FailureTypes.STEP_FAILED);
    assertThat(agents.calls("research")).isEqualTo(1);
    assertThat(second.priorSpendUsd()).isEqualTo(0.10);
    assertThat(secondRetry.getType()).isEqualTo(FailureTypes.STEP_FAILED);
    assertThat(agents.calls("review")).isEqualTo(3);
  }

  @Test
  void retriedRun_withEarlierSpend_stopsBeforeAStepItCanNoLongerAfford() {
    PipelineDefinition pipeline =
        pipeline(
            agent(
                "rewrite",
                "llm",
                "{\"model\": \"sim-small\", \"prompt\": \"p\"," + " \"max_tokens\": 100}"));
    PipelineRunInput fresh =
        new PipelineRunInput(pipeline, json("{}"), Map.of(), 0.25, null, PRICES);
    PipelineRunInput retried =
        new PipelineRunInput(pipeline, json("{}"), Map.of(), 0.25, "run-1", PRICES, Map.of(), 0.20);

    stub("afford-fresh").run(fresh);
    ApplicationFailure failure = failureOf(() -> stub("afford-retried").run(retried));

    assertThat(failure.getType()).isEqualTo(FailureTypes.BUDGET_EXCEEDED);
    assertThat(failure.getOriginalMessage())
        .contains("spent $0.200000 + reserved $0.000000 + this step's worst case $0.100000");
    assertThat(agents.calls("rewrite")).isEqualTo(1);
  }

  @Test
  void llmStepWithAnUnpricedModel_doesNotStart_underABudget() {
    PipelineDefinition pipeline =
        pipeline(agent("draft", "llm", "{\"model\": \"gpt-unpriced\", \"prompt\": \"p\"}"));
    PipelineRunInput input =
        new PipelineRunInput(pipeline, json("{}"), Map.of(), 5.0, null, PRICES);

    ApplicationFailure failure = failureOf(() -> stub("unpriced").run(input));

    assertThat(failure.getOriginalMessage())
        .startsWith("step \"draft\" failed: UnpricedModel: not started: model \"gpt-unpriced\"");
    assertThat(agents.calls("draft")).isZero();
  }
}
