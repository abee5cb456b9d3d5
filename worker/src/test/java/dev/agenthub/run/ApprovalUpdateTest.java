package dev.agenthub.run;

import static dev.agenthub.run.TestPipelines.approval;
import static dev.agenthub.run.TestPipelines.json;
import static dev.agenthub.run.TestPipelines.pipeline;
import static dev.agenthub.run.TestPipelines.sleep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.PipelineLoader;
import dev.agenthub.testing.Poll;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Approval decisions as the {@code decideApproval} update: one wins, the rest are refused. */
class ApprovalUpdateTest {

  private static final String QUEUE = "approval-update-test";

  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void setUp() {
    // Real time: the runs sleep an hour after the approval so that they stay open.
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(PipelineWorkflowImpl.class);
    worker.registerActivitiesImplementations(new ScriptedAgents());
    client = env.getWorkflowClient();
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  /** Starts {@code pipeline} with input {@code {}} as run {@code id}. */
  private PipelineWorkflow start(String id, PipelineDefinition pipeline) {
    PipelineWorkflow run =
        client.newWorkflowStub(
            PipelineWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());
    WorkflowClient.start(run::run, PipelineRunInput.of(pipeline, json("{}")));
    return run;
  }

  /** A run waiting on step {@code review}, then sleeping an hour, so it stays open. */
  private PipelineWorkflow startWaitingRun(String id) {
    PipelineWorkflow run =
        start(id, pipeline(approval("review", null), sleep("after", "1h", "review")));
    awaitStatus(run, "review", StepStatus.WAITING_APPROVAL);
    return run;
  }

  /** An agent-loop step {@code id} whose one tool, {@code publish}, requires approval. */
  private static String loopWithApprovedTool(String id) {
    return """
          - id: %s
            agent: llm
            with: {prompt: Publish}
            tools:
              - name: publish
                agent: transform
                with: {expression: "args"}
                arguments: {type: object}
                requireApproval: true
        """
        .formatted(id);
  }

  private static StepProgress awaitStatus(PipelineWorkflow run, String step, StepStatus status) {
    return Poll.until(
        "step " + step + " to be " + status,
        Duration.ofSeconds(20),
        () ->
            run.progress() == null
                ? null
                : run.progress().steps().stream()
                    .filter(s -> s.id().equals(step))
                    .findFirst()
                    .orElse(null),
        s -> s != null && s.status() == status);
  }

  private static ApplicationFailure refusal(Runnable decision) {
    WorkflowUpdateException e = catchThrowableOfType(WorkflowUpdateException.class, decision::run);
    assertThat(e).as("the decision should be refused").isNotNull();
    assertThat(e.getCause()).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) e.getCause();
  }

  @Test
  void decideApproval_acceptsAWaitingStepsDecision_andTheStepSettles() {
    PipelineWorkflow run = startWaitingRun("update-approve");

    ApprovalDecision accepted =
        run.decideApproval(new ApprovalDecision("review", true, "ship it", "alice"));

    assertThat(accepted).isEqualTo(new ApprovalDecision("review", true, "ship it", "alice"));
    StepProgress review = awaitStatus(run, "review", StepStatus.SUCCEEDED);
    assertThat(review.output())
        .isEqualTo(
            json("{\"approved\": true, \"comment\": \"ship it\", \"decidedBy\": \"alice\"}"));
  }

  @Test
  void decideApproval_concurrentDecisions_acceptExactlyOne_andRefuseTheOthersAsConflicts()
      throws Exception {
    PipelineWorkflow run = startWaitingRun("update-concurrent");
    List<Boolean> verdicts = List.of(true, false, true, false);
    ExecutorService callers = Executors.newFixedThreadPool(verdicts.size());
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Object>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < verdicts.size(); i++) {
        ApprovalDecision decision =
            new ApprovalDecision("review", verdicts.get(i), null, "caller-" + i);
        answers.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    go.await();
                    return run.decideApproval(decision);
                  } catch (WorkflowUpdateException e) {
                    return e.getCause();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return e;
                  }
                },
                callers));
      }
      go.countDown();
      List<Object> outcomes = new ArrayList<>();
      for (CompletableFuture<Object> answer : answers) {
        outcomes.add(answer.get(30, TimeUnit.SECONDS));
      }

      List<ApprovalDecision> accepted =
          outcomes.stream()
              .filter(ApprovalDecision.class::isInstance)
              .map(ApprovalDecision.class::cast)
              .toList();
      assertThat(accepted).hasSize(1);
      assertThat(outcomes)
          .filteredOn(ApplicationFailure.class::isInstance)
          .hasSize(3)
          .allSatisfy(
              refusal ->
                  assertThat(DecisionRefusals.typeOf((ApplicationFailure) refusal))
                      .contains(FailureTypes.DECISION_CONFLICT));
      StepStatus expected = accepted.get(0).approved() ? StepStatus.SUCCEEDED : StepStatus.FAILED;
      StepProgress review = awaitStatus(run, "review", expected);
      assertThat(review.error() != null ? review.error().message() : review.output().toString())
          .contains(accepted.get(0).decidedBy());
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void decideApproval_forAStepNotWaitingYet_isRefusedByTheValidator_leavingNoTraceInTheHistory() {
    PipelineWorkflow run =
        start(
            "update-not-waiting",
            pipeline(sleep("first", "1h"), approval("review", null, "first")));
    awaitStatus(run, "first", StepStatus.RUNNING);

    ApplicationFailure pending =
        refusal(() -> run.decideApproval(new ApprovalDecision("review", true, null, "alice")));
    ApplicationFailure notApproval =
        refusal(() -> run.decideApproval(new ApprovalDecision("first", true, null, "alice")));
    ApplicationFailure unknown =
        refusal(() -> run.decideApproval(new ApprovalDecision("nope", true, null, "alice")));

    assertThat(DecisionRefusals.typeOf(pending)).contains(FailureTypes.STEP_NOT_WAITING);
    assertThat(DecisionRefusals.reasonOf(pending))
        .isEqualTo("step review is not waiting for approval (it is pending)");
    assertThat(DecisionRefusals.typeOf(notApproval)).contains(FailureTypes.STEP_NOT_WAITING);
    assertThat(DecisionRefusals.reasonOf(unknown)).isEqualTo("step nope is not an approval step");
    WorkflowExecutionHistory history = client.fetchHistory("update-not-waiting");
    assertThat(history.getEvents())
        .noneMatch(
            e ->
                e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED
                    || e.getEventType()
                        == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED);
    assertThat(WorkflowStub.fromTyped(run).describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  @Test
  void decideApproval_onAToolCall_takesTheWaitingCallsDecision_andRefusesOthers() {
    PipelineDefinition pipeline =
        PipelineLoader.parse(
            "name: publishing\nsteps:\n"
                + loopWithApprovedTool("research")
                + """
                  - id: after
                    type: sleep
                    needs: [research]
                    with: {duration: 1h}
                """,
            "publishing.yml",
            AgentCatalog.builtIn());
    PipelineWorkflow run = start("update-tool", pipeline);
    Poll.untilTrue(
        "the tool call to wait for a decision",
        Duration.ofSeconds(20),
        () ->
            run.progress() != null
                && run.progress().agentLoops().containsKey("research")
                && run.progress()
                    .agentLoops()
                    .get("research")
                    .waitingApprovals()
                    .contains("call_1"));

    ApplicationFailure notWaiting =
        refusal(
            () ->
                run.decideApproval(new ApprovalDecision("research", true, null, "bob", "call_2")));
    ApprovalDecision accepted =
        run.decideApproval(new ApprovalDecision("research", true, "go", "alice", "call_1"));
    ApplicationFailure conflict =
        refusal(
            () ->
                run.decideApproval(new ApprovalDecision("research", false, null, "bob", "call_1")));

    assertThat(DecisionRefusals.reasonOf(notWaiting))
        .isEqualTo("tool call research/call_2 is not waiting for approval");
    assertThat(accepted).isEqualTo(new ApprovalDecision("research", true, "go", "alice", "call_1"));
    assertThat(DecisionRefusals.typeOf(conflict)).contains(FailureTypes.DECISION_CONFLICT);
    assertThat(DecisionRefusals.reasonOf(conflict))
        .isEqualTo("tool call research/call_1 was already approved by alice");
    StepProgress research = awaitStatus(run, "research", StepStatus.SUCCEEDED);
    assertThat(research.output().path("toolCalls").get(0).path("status").asText())
        .isEqualTo("succeeded");
  }

  @Test
  void progress_twoLoopsWaitingAtOnce_eachListsOnlyItsOwnCalls() {
    PipelineDefinition pipeline =
        PipelineLoader.parse(
            "name: two-loops\nsteps:\n"
                + loopWithApprovedTool("research")
                + loopWithApprovedTool("review"),
            "two-loops.yml",
            AgentCatalog.builtIn());
    PipelineWorkflow run = start("update-two-loops", pipeline);

    RunProgress progress =
        Poll.until(
            "both loops to wait for a decision",
            Duration.ofSeconds(20),
            run::progress,
            p ->
                p != null
                    && p.agentLoops().size() == 2
                    && p.agentLoops().values().stream()
                        .allMatch(loop -> !loop.waitingApprovals().isEmpty()));

    assertThat(progress.agentLoops().get("research").waitingApprovals()).containsExactly("call_1");
    assertThat(progress.agentLoops().get("review").waitingApprovals()).containsExactly("call_1");
  }
}
