package dev.agenthub.run;

import static dev.agenthub.run.TestPipelines.agent;
import static dev.agenthub.run.TestPipelines.approval;
import static dev.agenthub.run.TestPipelines.json;
import static dev.agenthub.run.TestPipelines.pipeline;
import static dev.agenthub.run.TestPipelines.sleep;
import static dev.agenthub.run.TestPipelines.withTimeout;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agenthub.agents.AgentActivities;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.agents.AgentDeclaration;
import dev.agenthub.agents.AgentsConfiguration;
import dev.agenthub.agents.BuiltInAgents;
import dev.agenthub.cost.PriceSnapshot;
import dev.agenthub.cost.PriceTable;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.PipelineLoader;
import dev.agenthub.testing.Poll;
import io.temporal.activity.DynamicActivity;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the histories {@link PipelineWorkflowReplayTest} replays, with the test environment and
 * the scripted agents. Not part of the build: run it on purpose when a new version needs a recorded
 * run, then commit the file and a replay test over it:
 *
 * <pre>./mvnw -B -pl contracts,telemetry,worker -am test -Dtest=HistoryRecording \
 *   -Dsurefire.failIfNoSpecifiedTests=false -DrecordHistories=true</pre>
 */
@EnabledIfSystemProperty(named = "recordHistories", matches = "true")
class HistoryRecording {

  private static final String QUEUE = "agenthub-pipelines";
  private static final Path HISTORIES = Path.of("src/test/resources/histories");

  /**
   * {@code pipeline-v3-timeout.json}: version 1 of {@code pipeline-timeout}. One step succeeds;
   * then an activity (a slow agent) and a durable sleep run in parallel until the run's 2 s timeout
   * fires, cancels both and closes the run {@code RunTimedOut}.
   */
  @Test
  void record_pipelineV3TimeoutHistory() throws Exception {
    PipelineDefinition pipeline =
        withTimeout(
            pipeline(
                agent("outline", "echo", "{\"text\": \"Outline of ${{ input.topic }}\"}"),
                agent("fetch", "slow", "{\"millis\": 5000}", "outline"),
                sleep("pause", "1h", "outline"),
                agent("publish", "echo", "{}", "fetch", "pause")),
            "2s");
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker(QUEUE);
      worker.registerWorkflowImplementationTypes(PipelineWorkflowImpl.class);
      worker.registerActivitiesImplementations(new ScriptedAgents());
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      String id = "timeout-run";
      PipelineWorkflow workflow =
          client.newWorkflowStub(
              PipelineWorkflow.class,
              WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());

      assertThatThrownBy(
              () ->
                  workflow.run(
                      PipelineRunInput.of(pipeline, json("{\"topic\": \"durable execution\"}"))))
          .isInstanceOf(WorkflowFailedException.class);

      Files.writeString(
          HISTORIES.resolve("pipeline-v3-timeout.json"), client.fetchHistory(id).toJson(true));
    }
  }

  /**
   * {@code pipeline-v7-timed-out-memo.json}: version 1 of {@code timed-out-memo}. One step
   * succeeds, a durable sleep runs until the run's 2 s timeout fires and cancels it, and the run
   * writes the {@code outcome: timed_out} memo before it fails {@code RunTimedOut}.
   */
  @Test
  void record_pipelineV7TimedOutMemoHistory() throws Exception {
    PipelineDefinition pipeline =
        withTimeout(
            pipeline(
                agent("outline", "echo", "{\"text\": \"Outline of ${{ input.topic }}\"}"),
                sleep("pause", "1h", "outline")),
            "2s");
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker(QUEUE);
      worker.registerWorkflowImplementationTypes(PipelineWorkflowImpl.class);
      worker.registerActivitiesImplementations(new ScriptedAgents());
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      String id = "timed-out-memo-run";
      PipelineWorkflow workflow =
          client.newWorkflowStub(
              PipelineWorkflow.class,
              WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());

      assertThatThrownBy(
              () ->
                  workflow.run(
                      PipelineRunInput.of(pipeline, json("{\"topic\": \"durable execution\"}"))))
          .isInstanceOf(WorkflowFailedException.class);

      Files.writeString(
          HISTORIES.resolve("pipeline-v7-timed-out-memo.json"),
          client.fetchHistory(id).toJson(true));
    }
  }

  /**
   * {@code pipeline-v4-approval-update.json}: an approval decided by the {@code decideApproval}
   * update. A draft step runs, the approval waits, a decision for the draft step is refused by the
   * validator (leaving no event), the update approves the review, and the publish step runs.
   */
  @Test
  void record_pipelineV4ApprovalUpdateHistory() throws Exception {
    PipelineDefinition pipeline =
        pipeline(
            agent("draft", "echo", "{\"text\": \"Draft on ${{ input.topic }}\"}"),
            approval("review", "1h", "draft"),
            agent(
                "publish", "echo", "{\"text\": \"${{ steps.review.output.comment }}\"}", "review"));
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker(QUEUE);
      worker.registerWorkflowImplementationTypes(PipelineWorkflowImpl.class);
      worker.registerActivitiesImplementations(new ScriptedAgents());
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      String id = "approval-update-run";
      PipelineWorkflow workflow =
          client.newWorkflowStub(
              PipelineWorkflow.class,
              WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());
      WorkflowClient.start(
          workflow::run, PipelineRunInput.of(pipeline, json("{\"topic\": \"durable execution\"}")));
      Poll.untilTrue(
          "the approval to wait",
          Duration.ofSeconds(20),
          () ->
              workflow.progress() != null
                  && workflow.progress().steps().stream()
                      .anyMatch(
                          step ->
                              step.id().equals("review")
                                  && step.status() == StepStatus.WAITING_APPROVAL));

      assertThatThrownBy(
              () -> workflow.decideApproval(new ApprovalDecision("draft", false, "no", "bob")))
          .isInstanceOf(WorkflowUpdateException.class);
      workflow.decideApproval(new ApprovalDecision("review", true, "ship it", "alice"));
      WorkflowStub.fromTyped(workflow).getResult(PipelineRunResult.class);

      Files.writeString(
          HISTORIES.resolve("pipeline-v4-approval-update.json"),
          client.fetchHistory(id).toJson(true));
    }
  }

  /**
   * {@code pipeline-v4-declared-agents.json}: a run of a built-in-like agent, then a declared
   * external agent on task queue {@code python-agents} (served here by a worker that answers with
   * plain maps, as another SDK would) whose declaration travels in the run's input.
   */
  @Test
  void record_pipelineV4DeclaredAgentsHistory() throws Exception {
    PipelineDefinition pipeline =
        pipeline(
            agent("summarize", "echo", "{\"text\": \"${{ input.company }}\"}"),
            agent("score", "score-lead", "{\"company\": \"${{ input.company }}\"}", "summarize"));
    AgentDeclaration scoreLead =
        new AgentDeclaration(
            "score-lead",
            "scores leads",
            "python-agents",
            json("{\"type\": \"object\"}"),
            null,
            "30s",
            null,
            "20s",
            true);
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker(QUEUE);
      worker.registerWorkflowImplementationTypes(PipelineWorkflowImpl.class);
      worker.registerActivitiesImplementations(new ScriptedAgents());
      env.newWorker("python-agents")
          .registerActivitiesImplementations(
              (DynamicActivity)
                  args ->
                      Map.of(
                          "output",
                          Map.of("score", 0.8),
                          "usage",
                          Map.of("model", "lead-scorer-v1", "inputTokens", 3, "costUsd", 0.0002)));
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      String id = "declared-agents-run";
      PipelineWorkflow workflow =
          client.newWorkflowStub(
              PipelineWorkflow.class,
              WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());

      workflow.run(
          PipelineRunInput.of(pipeline, json("{\"company\": \"Acme\"}"))
              .withAgents(Map.of("score-lead", scoreLead)));

      Files.writeString(
          HISTORIES.resolve("pipeline-v4-declared-agents.json"),
          client.fetchHistory(id).toJson(true));
    }
  }

  /**
   * {@code pipeline-v4-expression-limits.json}: version 1 of {@code expression-limits}. A step
   * succeeds; the next one's template nests two comprehensions over a 100-element input (10,000
   * iterations), so it fails {@code ExpressionLimitExceeded} and the run fails.
   */
  @Test
  void record_pipelineV4ExpressionLimitsHistory() throws Exception {
    PipelineDefinition pipeline =
        pipeline(
            agent("outline", "echo", "{\"text\": \"${{ size(input.xs) }} items\"}"),
            agent(
                "expand",
                "echo",
                "{\"pairs\": \"${{ input.xs.map(x, input.xs.all(y, x + y >= 0)) }}\"}",
                "outline"));
    String input =
        java.util.stream.IntStream.range(0, 100)
            .mapToObj(Integer::toString)
            .collect(java.util.stream.Collectors.joining(",", "{\"xs\": [", "]}"));
    record(pipeline, input, "expression-limits-run", "pipeline-v4-expression-limits.json");
  }

  /**
   * {@code pipeline-v5-history-guard.json}: version 1 of {@code history-size-guard} (and of every
   * earlier change). Two parallel steps succeed, the one after them fails like an HTTP 404, and the
   * run fails; the guard checks the history's size before each step starts.
   */
  @Test
  void record_pipelineV5HistoryGuardHistory() throws Exception {
    PipelineDefinition pipeline =
        pipeline(
            agent("outline", "echo", "{\"text\": \"Outline of ${{ input.topic }}\"}"),
            agent("sources", "echo", "{\"n\": 3}"),
            agent("publish", "broken", "{}", "outline", "sources"));
    record(
        pipeline, "{\"topic\": \"limits\"}", "history-guard-run", "pipeline-v5-history-guard.json");
  }

  /**
   * {@code pipeline-v6-budget-worst-case.json}: version 1 of {@code budget-worst-case}. A retry
   * that carries $0.20 of earlier spend under a $0.25 budget: the first llm step ($0.01 worst case
   * at a numeric-text max_tokens of "10") runs, the second's model has no price, so it does not
   * start and the run fails {@code UnpricedModel}.
   */
  @Test
  void record_pipelineV6BudgetWorstCaseHistory() throws Exception {
    PipelineDefinition pipeline =
        pipeline(
            agent(
                "draft",
                "llm",
                "{\"model\": \"sim-small\", \"prompt\": \"p\", \"max_tokens\": \"10\"}"),
            agent("review", "llm", "{\"model\": \"gpt-unpriced\", \"prompt\": \"p\"}", "draft"));
    PipelineRunInput input =
        new PipelineRunInput(
            pipeline,
            json("{}"),
            java.util.Map.of(),
            0.25,
            "budget-run",
            java.util.Map.of(
                "sim-small",
                new dev.agenthub.cost.Price(
                    "sim-small", 0, 1_000, java.time.LocalDate.of(2026, 1, 1))),
            java.util.Map.of(),
            0.20);
    record(input, "budget-run.retry", "pipeline-v6-budget-worst-case.json");
  }

  /**
   * {@code pipeline-v7-foreach.json}: a {@code forEach} step over four documents, two at a time,
   * under a budget (each element reserves its own worst case): one element is skipped by its {@code
   * when}, one fails evaluating its arguments and takes its place as an error ({@code onItemError:
   * continue}), two run the llm agent; a later step reads the list.
   */
  @Test
  void record_pipelineV7ForEachHistory() throws Exception {
    PipelineDefinition pipeline =
        pipeline(
            TestPipelines.forEach(
                TestPipelines.when(
                    agent(
                        "summaries",
                        "llm",
                        "{\"model\": \"per-token\", \"max_tokens\": 1,"
                            + " \"prompt\": \"${{ index }}: ${{ 12 / item.n }}\"}"),
                    "item.name != 'skip'"),
                "input.docs",
                2,
                dev.agenthub.dsl.OnError.CONTINUE),
            agent(
                "count", "echo", "{\"n\": \"${{ size(steps.summaries.output) }}\"}", "summaries"));
    PipelineRunInput input =
        new PipelineRunInput(
            pipeline,
            json(
                "{\"docs\": [{\"name\": \"a\", \"n\": 1}, {\"name\": \"skip\", \"n\": 1},"
                    + " {\"name\": \"c\", \"n\": 0}, {\"name\": \"d\", \"n\": 4}]}"),
            java.util.Map.of(),
            2.5,
            null,
            java.util.Map.of(
                "per-token",
                new dev.agenthub.cost.Price(
                    "per-token", 0, 1_000_000, java.time.LocalDate.of(2026, 1, 1))));
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker(QUEUE);
      worker.registerWorkflowImplementationTypes(PipelineWorkflowImpl.class);
      worker.registerActivitiesImplementations(new ScriptedAgents());
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      String id = "foreach-run";
      PipelineWorkflow workflow =
          client.newWorkflowStub(
              PipelineWorkflow.class,
              WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());

      workflow.run(input);

      Files.writeString(
          HISTORIES.resolve("pipeline-v7-foreach.json"), client.fetchHistory(id).toJson(true));
    }
  }

  /**
   * {@code pipeline-v7-child-pipeline.json}: a {@code pipeline:} step under {@code forEach} (map),
   * two children of pipeline {@code summarise} run as child workflows from the run's snapshot of
   * pipelines, then a step reads their outputs (reduce).
   */
  @Test
  void record_pipelineV7ChildPipelineHistory() throws Exception {
    PipelineDefinition summarise =
        TestPipelines.named(
            "summarise",
            pipeline(
                "{\"summary\": \"${{ steps.sum.output.text }}\"}",
                agent("sum", "echo", "{\"text\": \"summary of ${{ input.text }}\"}")));
    PipelineDefinition parent =
        pipeline(
            TestPipelines.forEach(
                TestPipelines.child("each", "summarise", "{\"text\": \"${{ item }}\"}"),
                "input.docs",
                null,
                null),
            agent(
                "reduce",
                "echo",
                "{\"all\": \"${{ steps.each.output.map(o, o.summary).join(', ') }}\"}",
                "each"));
    PipelineRunInput input =
        PipelineRunInput.of(parent, json("{\"docs\": [\"a\", \"b\"]}"))
            .withPipelines(java.util.Map.of("summarise", summarise));
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker(QUEUE);
      worker.registerWorkflowImplementationTypes(PipelineWorkflowImpl.class);
      worker.registerActivitiesImplementations(new ScriptedAgents());
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      String id = "map-reduce-run";
      PipelineWorkflow workflow =
          client.newWorkflowStub(
              PipelineWorkflow.class,
              WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());

      workflow.run(input);

      Files.writeString(
          HISTORIES.resolve("pipeline-v7-child-pipeline.json"),
          client.fetchHistory(id).toJson(true));
    }
  }

  /**
   * {@code pipeline-v7-input-bound.json}: version 1 of {@code activity-input-bound}. A step
   * succeeds; the next one renders 1,600 copies of a 1,000-character word (over the 1.5 MiB bound),
   * so it fails {@code InputTooLarge} unscheduled and the run fails.
   */
  @Test
  void record_pipelineV7InputBoundHistory() throws Exception {
    record(
        ActivityInputBoundWorkflowTest.copies(),
        ActivityInputBoundWorkflowTest.input(40),
        "input-bound-run",
        "pipeline-v7-input-bound.json");
  }

  private static void record(PipelineDefinition pipeline, String input, String id, String file)
      throws Exception {
    record(PipelineRunInput.of(pipeline, json(input)), id, file);
  }

  private static void record(PipelineRunInput input, String id, String file) throws Exception {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker(QUEUE);
      worker.registerWorkflowImplementationTypes(PipelineWorkflowImpl.class);
      worker.registerActivitiesImplementations(new ScriptedAgents());
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      PipelineWorkflow workflow =
          client.newWorkflowStub(
              PipelineWorkflow.class,
              WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());

      assertThatThrownBy(() -> workflow.run(input)).isInstanceOf(WorkflowFailedException.class);

      Files.writeString(HISTORIES.resolve(file), client.fetchHistory(id).toJson(true));
    }
  }

  /**
   * {@code pipeline-v7-agent-loop.json}: version 1 of {@code agent-loop}. An llm step with tools
   * runs its loop on the simulated provider under a budget: turn 1 asks for both tools in parallel,
   * one of which requires approval and is approved through the {@code decideApproval} update
   * (addressed by call id); turn 2 answers in the response schema.
   */
  @Test
  void record_pipelineV7AgentLoopHistory() throws Exception {
    PipelineDefinition pipeline =
        PipelineLoader.parse(
            """
            name: agent-loop
            budget: {maxCostUsd: 0.5}
            steps:
              - id: research
                agent: llm
                with: {provider: simulated, model: sim-small, prompt: "Research ${{ input.topic }}"}
                maxTurns: 3
                responseSchema: {type: object, required: [summary]}
                tools:
                  - name: shape
                    agent: transform
                    with: {expression: "{'topic': args.topic}"}
                    arguments: {type: object, properties: {topic: {type: string}}}
                  - name: publish
                    agent: transform
                    with: {expression: "{'published': args.text}"}
                    arguments: {type: object, properties: {text: {type: string}}}
                    requireApproval: true
            """,
            "agent-loop.yml",
            AgentCatalog.builtIn());
    AgentsConfiguration agents = new AgentsConfiguration();
    agents.setLlm(
        new AgentsConfiguration.Llm(
            null, null, new AgentsConfiguration.Simulated(Duration.ZERO), null));
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker(QUEUE);
      worker.registerWorkflowImplementationTypes(PipelineWorkflowImpl.class);
      worker.registerActivitiesImplementations(
          new AgentActivities(BuiltInAgents.create(agents, PriceTable.loadDefault())));
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      String id = "agent-loop-run";
      PipelineWorkflow workflow =
          client.newWorkflowStub(
              PipelineWorkflow.class,
              WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());
      WorkflowClient.start(
          workflow::run,
          PipelineRunInput.of(pipeline, json("{\"topic\": \"durable agents\"}"))
              .withPrices(
                  PriceSnapshot.of(PriceTable.loadDefault(), pipeline, LocalDate.of(2026, 1, 1))));
      Poll.untilTrue(
          "the publish call to wait for approval",
          Duration.ofSeconds(20),
          () ->
              workflow.progress() != null
                  && workflow.progress().agentLoops().containsKey("research")
                  && !workflow
                      .progress()
                      .agentLoops()
                      .get("research")
                      .waitingApprovals()
                      .isEmpty());
      String callId = workflow.progress().agentLoops().get("research").waitingApprovals().get(0);
      workflow.decideApproval(new ApprovalDecision("research", true, "go", "alice", callId));
      WorkflowStub.fromTyped(workflow).getResult(PipelineRunResult.class);

      Files.writeString(
          HISTORIES.resolve("pipeline-v7-agent-loop.json"), client.fetchHistory(id).toJson(true));
    }
  }

  /**
   * {@code pipeline-v7-agent-span.json}: version 1 of {@code agent-span}. An llm step with one tool
   * runs its loop on the simulated provider: turn 1 calls the tool, turn 2 answers; the turns' and
   * the call's requests carry the loop's span id, and the {@code agenthub.invoke_agent} local
   * activity emits the loop's span when it ends.
   */
  @Test
  void record_pipelineV7AgentSpanHistory() throws Exception {
    PipelineDefinition pipeline =
        PipelineLoader.parse(
            """
            name: agent-span
            steps:
              - id: research
                agent: llm
                with: {provider: simulated, model: sim-small, prompt: "Research ${{ input.topic }}"}
                maxTurns: 3
                tools:
                  - name: shape
                    agent: transform
                    with: {expression: "{'topic': args.topic}"}
                    arguments: {type: object, properties: {topic: {type: string}}}
            """,
            "agent-span.yml",
            AgentCatalog.builtIn());
    AgentsConfiguration agents = new AgentsConfiguration();
    agents.setLlm(
        new AgentsConfiguration.Llm(
            null, null, new AgentsConfiguration.Simulated(Duration.ZERO), null));
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker(QUEUE);
      worker.registerWorkflowImplementationTypes(PipelineWorkflowImpl.class);
      worker.registerActivitiesImplementations(
          new AgentActivities(BuiltInAgents.create(agents, PriceTable.loadDefault())));
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      String id = "agent-span-run";
      PipelineWorkflow workflow =
          client.newWorkflowStub(
              PipelineWorkflow.class,
              WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());
      workflow.run(PipelineRunInput.of(pipeline, json("{\"topic\": \"durable agents\"}")));

      Files.writeString(
          HISTORIES.resolve("pipeline-v7-agent-span.json"), client.fetchHistory(id).toJson(true));
    }
  }
}
