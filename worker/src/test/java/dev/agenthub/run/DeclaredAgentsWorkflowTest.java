package dev.agenthub.run;

import static dev.agenthub.run.TestPipelines.agent;
import static dev.agenthub.run.TestPipelines.json;
import static dev.agenthub.run.TestPipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.agents.AgentDeclaration;
import dev.agenthub.cost.Usage;
import dev.agenthub.dsl.BudgetDefinition;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.PipelineLoader;
import dev.agenthub.dsl.RetryDefinition;
import io.temporal.activity.Activity;
import io.temporal.activity.DynamicActivity;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.EncodedValues;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs of declared agents: an external one served on its own task queue by a worker that speaks
 * only the documented wire contract (a map in, {@code {"output", "usage"}} out, as another SDK
 * would), and the snapshot in the run's input deciding where and how steps run.
 */
class DeclaredAgentsWorkflowTest {

  private static final String QUEUE = "pipelines";
  private static final String EXTERNAL_QUEUE = "python-agents";

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private final List<String> reported = new CopyOnWriteArrayList<>();
  private final List<String> loopsEnded = new CopyOnWriteArrayList<>();
  private final List<String> externalQueueCalls = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    env = TestWorkflowEnvironment.newInstance();
    Worker pipelines = env.newWorker(QUEUE);
    pipelines.registerWorkflowImplementationFactory(
        PipelineWorkflow.class,
        () ->
            new PipelineWorkflowImpl(
                new ReportedUsage() {
                  @Override
                  public void record(String pipeline, String agent, Usage usage) {
                    reported.add(pipeline + "/" + agent + "/" + usage.costUsd());
                  }

                  @Override
                  public void agentLoopEnded(String pipeline, String step, int turns) {
                    loopsEnded.add(pipeline + "/" + step + "/" + turns);
                  }
                }));
    pipelines.registerActivitiesImplementations(new ScriptedAgents());
    Worker external = env.newWorker(EXTERNAL_QUEUE);
    external.registerActivitiesImplementations(new ForeignWorker());
    client = env.getWorkflowClient();
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  /** Answers like an agent in another SDK: plain maps, no attempt, failures by type. */
  private final class ForeignWorker implements DynamicActivity {
    @Override
    public Object execute(EncodedValues args) {
      String type = Activity.getExecutionContext().getInfo().getActivityType();
      externalQueueCalls.add(type);
      Map<?, ?> request = args.get(0, Map.class);
      Map<?, ?> arguments = (Map<?, ?>) request.get("arguments");
      if ("reject-detailed".equals(type)) {
        throw ApplicationFailure.newNonRetryableFailure(
            "company unknown", FailureTypes.AGENT_CLIENT_ERROR, "see https://example.com/why");
      }
      if ("slow-lead".equals(type)) {
        sleep(2000);
      }
      if ("reject-lead".equals(type)) {
        throw ApplicationFailure.newNonRetryableFailure(
            "company unknown", FailureTypes.AGENT_CLIENT_ERROR);
      }
      return Map.of(
          "output",
          Map.of(
              "score",
              0.8,
              "company",
              String.valueOf(arguments.get("company")),
              "step",
              request.get("stepId")),
          "usage",
          Map.of("model", "scorer-v2", "inputTokens", 30, "outputTokens", 4, "costUsd", 0.25));
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static AgentDeclaration external(String name, boolean costBearing) {
    return new AgentDeclaration(
        name,
        "scores leads",
        EXTERNAL_QUEUE,
        json("{\"type\": \"object\"}"),
        null,
        "10s",
        new RetryDefinition(3, "1s", null, null, null),
        null,
        costBearing);
  }

  private PipelineRunResult run(PipelineRunInput input) {
    return run("run-" + System.nanoTime(), input);
  }

  private PipelineRunResult run(String id, PipelineRunInput input) {
    return client
        .newWorkflowStub(
            PipelineWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build())
        .run(input);
  }

  /** A run of step {@code research}, an agent loop whose one tool runs {@code agent}. */
  private static PipelineRunInput loopInput(AgentDeclaration agent, String toolSettings) {
    PipelineDefinition pipeline =
        PipelineLoader.parse(
            """
            name: scored
            steps:
              - id: research
                agent: llm
                with: {prompt: Score acme}
                tools:
                  - name: score
                    agent: %s
                    %s
            """
                .formatted(agent.name(), toolSettings),
            "scored.yml",
            AgentCatalog.withDeclared(List.of(agent)));
    return PipelineRunInput.of(pipeline, json("{}")).withAgents(Map.of(agent.name(), agent));
  }

  private PipelineRunResult runWithin30s(PipelineRunInput input) {
    PipelineWorkflow workflow =
        client.newWorkflowStub(
            PipelineWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(QUEUE)
                .setWorkflowId("run-" + System.nanoTime())
                .build());
    WorkflowClient.start(workflow::run, input);
    try {
      return WorkflowStub.fromTyped(workflow)
          .getResult(30, TimeUnit.SECONDS, PipelineRunResult.class);
    } catch (TimeoutException e) {
      throw new AssertionError("the run did not end within 30 s", e);
    }
  }

  private static StepProgress step(List<StepProgress> steps, String id) {
    return steps.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void externalAgent_runsOnItsDeclaredQueue_andItsUsageCountsOnce() {
    PipelineDefinition pipeline =
        pipeline(
            agent("summary", "echo", "{\"text\": \"acme\"}"),
            agent("score", "score-lead", "{\"company\": \"${{ input.company }}\"}", "summary"));
    PipelineRunInput input =
        PipelineRunInput.of(pipeline, json("{\"company\": \"acme\"}"))
            .withAgents(Map.of("score-lead", external("score-lead", true)));

    PipelineRunResult result = run(input);

    StepProgress score = step(result.steps(), "score");
    assertThat(score.status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(score.output())
        .isEqualTo(json("{\"score\": 0.8, \"company\": \"acme\", \"step\": \"score\"}"));
    assertThat(score.attempts()).isEqualTo(1);
    assertThat(score.usage().costUsd()).isEqualTo(0.25);
    assertThat(result.usage().costUsd()).isEqualTo(0.25 + 0.001);
    assertThat(externalQueueCalls).containsExactly("score-lead");
    assertThat(reported).containsExactly(pipeline.name() + "/score-lead/0.25");
  }

  @Test
  void externalAgent_notCostBearing_reportsNoUsage() {
    PipelineDefinition pipeline = pipeline(agent("score", "score-lead", "{\"company\": \"x\"}"));
    PipelineRunResult result =
        run(
            PipelineRunInput.of(pipeline, json("{}"))
                .withAgents(Map.of("score-lead", external("score-lead", false))));

    assertThat(result.usage().costUsd()).isZero();
    assertThat(reported).isEmpty();
  }

  @Test
  void externalAgent_usage_passesThroughTheBudgetGuard() {
    PipelineDefinition unbudgeted =
        pipeline(
            agent("first", "score-lead", "{\"company\": \"a\"}"),
            agent("second", "score-lead", "{\"company\": \"b\"}", "first"));
    PipelineDefinition pipeline =
        new PipelineDefinition(
            unbudgeted.name(),
            unbudgeted.version(),
            unbudgeted.description(),
            unbudgeted.input(),
            unbudgeted.steps(),
            new BudgetDefinition(0.2),
            null,
            null);
    PipelineRunInput input =
        PipelineRunInput.of(pipeline, json("{}"))
            .withAgents(Map.of("score-lead", external("score-lead", true)));

    WorkflowFailedException failed =
        catchThrowableOfType(WorkflowFailedException.class, () -> run(input));

    ApplicationFailure failure = (ApplicationFailure) failed.getCause();
    assertThat(failure.getType()).isEqualTo(FailureTypes.BUDGET_EXCEEDED);
    assertThat(externalQueueCalls).containsExactly("score-lead");
  }

  @Test
  void externalAgent_clientError_failsTheStepWithoutRetry() {
    PipelineDefinition pipeline = pipeline(agent("score", "reject-lead", "{\"company\": \"x\"}"));
    PipelineRunInput input =
        PipelineRunInput.of(pipeline, json("{}"))
            .withAgents(Map.of("reject-lead", external("reject-lead", false)));

    WorkflowFailedException failed =
        catchThrowableOfType(WorkflowFailedException.class, () -> run(input));

    assertThat(failed.getCause().getMessage()).contains("AgentClientError", "company unknown");
    assertThat(externalQueueCalls).containsExactly("reject-lead");
    RunProgress progress =
        ((ApplicationFailure) failed.getCause()).getDetails().get(RunProgress.class);
    assertThat(step(progress.steps(), "score").attempts())
        .as("a failure without our details counts the one attempt made")
        .isEqualTo(1);
  }

  @Test
  void externalAgent_failureWithDetailsOfItsOwn_failsTheStepAfterOneAttempt() {
    PipelineDefinition pipeline = pipeline(agent("score", "reject-detailed", "{}"));
    PipelineRunInput input =
        PipelineRunInput.of(pipeline, json("{}"))
            .withAgents(Map.of("reject-detailed", external("reject-detailed", false)));

    WorkflowFailedException failed =
        catchThrowableOfType(WorkflowFailedException.class, () -> runWithin30s(input));

    assertThat(failed).as("the run fails instead of stalling on the foreign details").isNotNull();
    assertThat(failed.getCause().getMessage()).contains("AgentClientError", "company unknown");
    RunProgress progress =
        ((ApplicationFailure) failed.getCause()).getDetails().get(RunProgress.class);
    assertThat(step(progress.steps(), "score").attempts()).isEqualTo(1);
  }

  @Test
  void declaredJavaAgent_withoutTaskQueue_runsOnThePipelinesQueue() {
    AgentDeclaration inProcess =
        new AgentDeclaration("echo", null, null, json("{}"), null, null, null, "30s", false);
    PipelineRunResult result =
        run(
            PipelineRunInput.of(pipeline(agent("e", "echo", "{\"a\": 1}")), json("{}"))
                .withAgents(Map.of("echo", inProcess)));

    assertThat(step(result.steps(), "e").output()).isEqualTo(json("{\"a\": 1}"));
    assertThat(externalQueueCalls).isEmpty();
  }

  @Test
  void loopTool_externalCostBearingAgent_reportsItsUsage_andTheLoopReportsItsTurns() {
    PipelineRunResult result = run(loopInput(external("score-lead", true), ""));

    StepProgress research = step(result.steps(), "research");
    assertThat(research.output().path("toolCalls").get(0).path("costUsd").asDouble())
        .isEqualTo(0.25);
    assertThat(reported).containsExactly("scored/score-lead/0.25");
    assertThat(loopsEnded).containsExactly("scored/research/2");
  }

  @Test
  void loopTool_timingOut_givesTheModelTheTimeout_notTheActivitysEnvelope() throws Exception {
    run(
        "loop-tool-timeout",
        loopInput(external("slow-lead", false), "timeout: 1s\n    retry: {maxAttempts: 1}"));

    JsonNode secondTurn =
        client.fetchHistory("loop-tool-timeout").getEvents().stream()
            .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
            .map(e -> e.getActivityTaskScheduledEventAttributes().getInput().getPayloads(0))
            .map(p -> json(p.getData().toStringUtf8()))
            .reduce((first, last) -> last)
            .orElseThrow();
    String toolMessage =
        secondTurn.path("arguments").path("messages").get(2).path("content").asText();
    assertThat(toolMessage)
        .contains("\"type\":\"failed\"", "TIMEOUT_TYPE_START_TO_CLOSE")
        .doesNotContain("activityType");
  }
}
