package dev.agenthub.run;

import static dev.agenthub.run.TestPipelines.agent;
import static dev.agenthub.run.TestPipelines.approval;
import static dev.agenthub.run.TestPipelines.json;
import static dev.agenthub.run.TestPipelines.pipeline;
import static dev.agenthub.run.TestPipelines.sleep;
import static dev.agenthub.run.TestPipelines.withTimeout;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agenthub.agents.AgentDeclaration;
import dev.agenthub.dsl.PipelineDefinition;
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
}
