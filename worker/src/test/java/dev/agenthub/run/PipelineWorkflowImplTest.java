package dev.agenthub.run;

import static dev.agenthub.run.TestPipelines.agent;
import static dev.agenthub.run.TestPipelines.approval;
import static dev.agenthub.run.TestPipelines.continueOnError;
import static dev.agenthub.run.TestPipelines.json;
import static dev.agenthub.run.TestPipelines.pipeline;
import static dev.agenthub.run.TestPipelines.sleep;
import static dev.agenthub.run.TestPipelines.when;
import static dev.agenthub.run.TestPipelines.withRetry;
import static dev.agenthub.run.TestPipelines.withTimeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.testing.Poll;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PipelineWorkflowImplTest {

  private static final String QUEUE = "test-queue";

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

  private PipelineRunResult run(PipelineDefinition pipeline, String input) {
    return stub("run-" + System.nanoTime()).run(PipelineRunInput.of(pipeline, json(input)));
  }

  private static StepProgress step(PipelineRunResult result, String id) {
    return result.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  private static StepProgress step(RunProgress progress, String id) {
    return progress.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  private static ApplicationFailure runFailure(Runnable run) {
    WorkflowFailedException failed = catchThrowableOfType(WorkflowFailedException.class, run::run);
    assertThat(failed).as("the run should fail").isNotNull();
    assertThat(failed.getCause()).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) failed.getCause();
  }

  /** Starts {@code pipeline} and returns how it failed; fails the test if it does not end soon. */
  private ApplicationFailure failureOf(PipelineDefinition pipeline, String input) {
    PipelineWorkflow workflow = stub("ends-" + System.nanoTime());
    WorkflowClient.start(workflow::run, PipelineRunInput.of(pipeline, json(input)));
    return runFailure(
        () -> {
          try {
            WorkflowStub.fromTyped(workflow)
                .getResult(30, TimeUnit.SECONDS, PipelineRunResult.class);
          } catch (TimeoutException e) {
            throw new AssertionError("the run did not end within 30 s", e);
          }
        });
  }

  private RunProgress awaitProgress(PipelineWorkflow workflow, Predicate<RunProgress> condition) {
    return Poll.until(
        "the run's progress to meet the condition",
        Duration.ofSeconds(20),
        workflow::progress,
        progress -> progress != null && condition.test(progress));
  }

  @Test
  void independentSteps_runInParallel() {
    PipelineDefinition pipeline =
        pipeline(
            agent("a", "slow", "{\"millis\": 5000}"),
            agent("b", "slow", "{\"millis\": 5000}"),
            agent("c", "echo", "{}", "a", "b"));

    PipelineRunResult result = run(pipeline, "{}");

    StepProgress a = step(result, "a");
    StepProgress b = step(result, "b");
    StepProgress c = step(result, "c");
    assertThat(Duration.between(a.startedAt(), b.startedAt()).abs())
        .isLessThan(Duration.ofSeconds(1));
    Duration total = Duration.between(a.startedAt(), c.endedAt());
    assertThat(total)
        .isGreaterThanOrEqualTo(Duration.ofSeconds(5))
        .isLessThan(Duration.ofSeconds(9));
    assertThat(c.startedAt()).isAfterOrEqualTo(a.endedAt()).isAfterOrEqualTo(b.endedAt());
  }

  @Test
  void retryableFailures_areRetriedUntilSuccess() {
    PipelineDefinition pipeline =
        pipeline(withRetry(agent("fetch", "flaky", "{\"failures\": 2}"), 5));

    PipelineRunResult result = run(pipeline, "{}");

    assertThat(step(result, "fetch").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(step(result, "fetch").attempts()).isEqualTo(3);
    assertThat(step(result, "fetch").output()).isEqualTo(json("{\"attempt\": 3}"));
    assertThat(agents.calls("fetch")).isEqualTo(3);
  }

  @Test
  void exhaustedRetries_failTheRunWithTheLastError() {
    PipelineDefinition pipeline =
        pipeline(withRetry(agent("fetch", "flaky", "{\"failures\": 9}"), 2));

    ApplicationFailure failure = runFailure(() -> run(pipeline, "{}"));

    assertThat(failure.getType()).isEqualTo(FailureTypes.STEP_FAILED);
    assertThat(failure.getOriginalMessage())
        .isEqualTo("step \"fetch\" failed: AgentRemoteError: HTTP 503 on attempt 2");
    RunProgress progress = failure.getDetails().get(RunProgress.class);
    assertThat(step(progress, "fetch").attempts()).isEqualTo(2);
  }

  @Test
  void nonRetryableFailure_stopsTheRunNamingTheStep() {
    PipelineDefinition pipeline =
        pipeline(
            agent("outline", "echo", "{\"x\": 1}"),
            withRetry(agent("fetch", "broken", "{}", "outline"), 5),
            agent("publish", "echo", "{}", "fetch"));

    ApplicationFailure failure = runFailure(() -> run(pipeline, "{}"));

    assertThat(failure.getType()).isEqualTo(FailureTypes.STEP_FAILED);
    assertThat(failure.getOriginalMessage())
        .isEqualTo("step \"fetch\" failed: AgentClientError: HTTP 404 Not Found");
    RunProgress progress = failure.getDetails().get(RunProgress.class);
    assertThat(progress.status()).isEqualTo(RunStatus.FAILED);
    assertThat(progress.failedStep()).isEqualTo("fetch");
    assertThat(step(progress, "fetch").attempts()).isEqualTo(1);
    assertThat(step(progress, "outline").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(step(progress, "publish").status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(step(progress, "publish").error().type()).isEqualTo("NotReached");
    assertThat(agents.calls("fetch")).isEqualTo(1);
    assertThat(agents.calls("publish")).isZero();
  }

  @Test
  void nonRetryableFailureAfterRetries_countsEveryAttempt() {
    PipelineDefinition pipeline =
        pipeline(withRetry(agent("fetch", "flaky-broken", "{\"failures\": 2}"), 5));

    ApplicationFailure failure = runFailure(() -> run(pipeline, "{}"));

    assertThat(failure.getOriginalMessage())
        .isEqualTo("step \"fetch\" failed: AgentClientError: HTTP 404 on attempt 3");
    RunProgress progress = failure.getDetails().get(RunProgress.class);
    assertThat(step(progress, "fetch").attempts())
        .as("the failure's own attempt, not the retry policy's maximum (5) nor 1")
        .isEqualTo(3);
  }

  @Test
  void agentChoosingNotToAct_skipsTheStepWithItsReason() {
    PipelineDefinition pipeline =
        pipeline(
            agent("notify", "skipping", "{}"),
            agent("report", "echo", "{\"notify\": \"${{ steps.notify.status }}\"}", "notify"));

    PipelineRunResult result = run(pipeline, "{}");

    assertThat(step(result, "notify").status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(step(result, "notify").error().message())
        .isEqualTo("no webhook configured for channel \"ops\"");
    assertThat(step(result, "report").output()).isEqualTo(json("{\"notify\": \"skipped\"}"));
  }

  @Test
  void agentReadingTheRunContext_receivesItWithOnlyTheStepsItsExpressionNames() {
    PipelineDefinition pipeline =
        pipeline(
            agent("a", "echo", "{\"x\": 1}"),
            agent("b", "echo", "{\"y\": 2}"),
            agent("t", "transform", "{\"expression\": \"steps.a.output.x + 1\"}", "a", "b"));

    PipelineRunResult result = run(pipeline, "{\"topic\": \"t\"}");

    JsonNode context = step(result, "t").output();
    assertThat(context.path("input")).isEqualTo(json("{\"topic\": \"t\"}"));
    assertThat(context.path("steps").fieldNames()).toIterable().containsExactly("a");
    assertThat(context.path("steps").path("a").path("output")).isEqualTo(json("{\"x\": 1}"));
    assertThat(context.path("run").path("pipeline").asText()).isEqualTo("test-pipeline");
  }

  @Test
  void failingStep_cancelsItsRunningSiblings() {
    PipelineDefinition pipeline =
        pipeline(agent("fetch", "broken", "{}"), approval("review", null));

    ApplicationFailure failure = runFailure(() -> run(pipeline, "{}"));

    RunProgress progress = failure.getDetails().get(RunProgress.class);
    assertThat(step(progress, "review").status()).isEqualTo(StepStatus.CANCELLED);
  }

  @Test
  void approval_approved_completesTheRun() {
    PipelineWorkflow workflow = stub("approve-1");
    PipelineDefinition pipeline =
        pipeline(
            "{\"verdict\": \"${{ steps.review.output.comment }}\"}",
            agent("draft", "echo", "{\"text\": \"hello\"}"),
            approval("review", "1h", "draft"));
    WorkflowClient.start(workflow::run, PipelineRunInput.of(pipeline, json("{}")));

    awaitProgress(workflow, p -> step(p, "review").status() == StepStatus.WAITING_APPROVAL);
    workflow.decide(new ApprovalDecision("review", true, "ship it", "alice"));

    PipelineRunResult result = WorkflowStub.fromTyped(workflow).getResult(PipelineRunResult.class);
    assertThat(step(result, "review").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(step(result, "review").startedAt())
        .as("waiting since it was reached")
        .isNotNull()
        .isBeforeOrEqualTo(step(result, "review").endedAt());
    assertThat(step(result, "review").output())
        .isEqualTo(
            json("{\"approved\": true, \"comment\": \"ship it\", \"decidedBy\": \"alice\"}"));
    assertThat(result.output()).isEqualTo(json("{\"verdict\": \"ship it\"}"));
  }

  @Test
  void approval_rejected_failsTheRun() {
    PipelineWorkflow workflow = stub("reject-1");
    WorkflowClient.start(
        workflow::run, PipelineRunInput.of(pipeline(approval("review", null)), json("{}")));
    awaitProgress(workflow, p -> step(p, "review").status() == StepStatus.WAITING_APPROVAL);

    workflow.decide(new ApprovalDecision("review", false, "not convincing", "bob"));

    ApplicationFailure failure =
        runFailure(() -> WorkflowStub.fromTyped(workflow).getResult(PipelineRunResult.class));
    assertThat(failure.getOriginalMessage())
        .isEqualTo("step \"review\" failed: ApprovalRejected: rejected by bob: not convincing");
  }

  @Test
  void approval_withoutDecision_timesOut() {
    ApplicationFailure failure = runFailure(() -> run(pipeline(approval("review", "2h")), "{}"));

    assertThat(failure.getOriginalMessage())
        .isEqualTo("step \"review\" failed: ApprovalTimedOut: no decision within 2h");
  }

  @Test
  void decisionForAnUnknownStep_isIgnored() {
    PipelineWorkflow workflow = stub("ignore-1");
    WorkflowClient.start(
        workflow::run, PipelineRunInput.of(pipeline(approval("review", null)), json("{}")));
    awaitProgress(workflow, p -> step(p, "review").status() == StepStatus.WAITING_APPROVAL);

    workflow.decide(new ApprovalDecision("nope", true, null, null));
    workflow.decide(new ApprovalDecision("review", true, null, null));

    PipelineRunResult result = WorkflowStub.fromTyped(workflow).getResult(PipelineRunResult.class);
    assertThat(step(result, "review").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(step(result, "review").startedAt())
        .as("waiting since it was reached")
        .isNotNull()
        .isBeforeOrEqualTo(step(result, "review").endedAt());
  }

  @Test
  void whenFalse_skipsTheStep_andDependentsSeeItSkipped() {
    PipelineDefinition pipeline =
        pipeline(
            when(agent("notify", "echo", "{}"), "input.send"),
            agent("report", "echo", "{\"notified\": \"${{ steps.notify.status }}\"}", "notify"));

    PipelineRunResult result = run(pipeline, "{\"send\": false}");

    assertThat(step(result, "notify").status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(step(result, "notify").error().message()).isEqualTo("when `input.send` is false");
    assertThat(step(result, "notify").startedAt())
        .as("a step whose when was evaluated was reached: started and ended at once")
        .isNotNull()
        .isEqualTo(step(result, "notify").endedAt());
    assertThat(step(result, "report").output()).isEqualTo(json("{\"notified\": \"skipped\"}"));
    assertThat(agents.calls("notify")).isZero();
  }

  @Test
  void whenComparingAStepsStatus_seesLowerSnakeCase() {
    PipelineDefinition pipeline =
        pipeline(
            when(agent("notify", "echo", "{}"), "input.send"),
            when(agent("fallback", "echo", "{}", "notify"), "steps.notify.status == \"skipped\""),
            when(agent("shout", "echo", "{}", "notify"), "steps.notify.status == \"SKIPPED\""));

    PipelineRunResult result = run(pipeline, "{\"send\": false}");

    assertThat(step(result, "fallback").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(step(result, "shout").status())
        .as("expressions never saw the upper case form")
        .isEqualTo(StepStatus.SKIPPED);
  }

  @Test
  void onErrorContinue_letsDependentsRunWithTheFailureRecorded() {
    PipelineDefinition pipeline =
        pipeline(
            continueOnError(agent("fetch", "broken", "{}")),
            agent(
                "report",
                "echo",
                "{\"fetch\": \"${{ steps.fetch.status }}: ${{ steps.fetch.error.message }}\"}",
                "fetch"));

    PipelineRunResult result = run(pipeline, "{}");

    assertThat(step(result, "fetch").status()).isEqualTo(StepStatus.FAILED);
    assertThat(step(result, "fetch").error().type()).isEqualTo(FailureTypes.AGENT_CLIENT_ERROR);
    assertThat(step(result, "report").output())
        .isEqualTo(json("{\"fetch\": \"failed: HTTP 404 Not Found\"}"));
  }

  @Test
  void sleep_isADurableTimer() {
    PipelineRunResult result =
        run(pipeline(sleep("wait", "3h"), agent("after", "echo", "{}", "wait")), "{}");

    StepProgress wait = step(result, "wait");
    assertThat(Duration.between(wait.startedAt(), wait.endedAt()))
        .isGreaterThanOrEqualTo(Duration.ofHours(3));
    assertThat(step(result, "after").status()).isEqualTo(StepStatus.SUCCEEDED);
  }

  @Test
  void templatesAndOutput_seeInputAndEarlierSteps() {
    PipelineDefinition pipeline =
        pipeline(
            "{\"summary\": \"${{ steps.draft.output.text }} (${{ input.topic }})\","
                + " \"tokens\": \"${{ steps.draft.output.n }}\"}",
            agent(
                "draft",
                "echo",
                "{\"text\": \"About ${{ input.topic }}\", \"n\": \"${{ size(input.topic) }}\"}"));

    PipelineRunResult result = run(pipeline, "{\"topic\": \"durable execution\"}");

    assertThat(result.output())
        .isEqualTo(
            json("{\"summary\": \"About durable execution (durable execution)\", \"tokens\": 17}"));
    assertThat(result.usage().inputTokens()).isEqualTo(10);
    assertThat(result.usage().outputTokens()).isEqualTo(5);
  }

  @Test
  void expressionError_failsTheStepWithoutCallingTheAgent() {
    PipelineDefinition pipeline =
        pipeline(agent("draft", "echo", "{\"text\": \"${{ input.missing.field }}\"}"));

    ApplicationFailure failure = runFailure(() -> run(pipeline, "{}"));

    assertThat(failure.getOriginalMessage()).startsWith("step \"draft\" failed: ExpressionError:");
    assertThat(agents.calls("draft")).isZero();
  }

  @Test
  void reusedSteps_areNotRunAgain() {
    PipelineDefinition pipeline =
        pipeline(
            agent("outline", "echo", "{\"text\": \"first\"}"),
            agent("draft", "echo", "{\"from\": \"${{ steps.outline.output.text }}\"}", "outline"));
    StepProgress earlier =
        StepProgress.pending("outline", "echo")
            .running(Instant.EPOCH)
            .succeeded(Instant.EPOCH, 1, json("{\"text\": \"from the failed run\"}"), null);
    PipelineRunInput input =
        new PipelineRunInput(pipeline, json("{}"), Map.of("outline", earlier), null, "old-run");

    PipelineRunResult result = stub("resume-1").run(input);

    assertThat(agents.calls("outline")).isZero();
    assertThat(step(result, "outline").reused()).isTrue();
    assertThat(step(result, "draft").output())
        .isEqualTo(json("{\"from\": \"from the failed run\"}"));
  }

  @Test
  void reusedStepTheEditedPipelineNoLongerHas_isLeftOut() {
    StepProgress dropped =
        StepProgress.pending("dropped", "echo")
            .running(Instant.EPOCH)
            .succeeded(Instant.EPOCH, 1, json("{\"text\": \"old\"}"), null);
    PipelineRunInput input =
        new PipelineRunInput(
            pipeline(agent("outline", "echo", "{}")),
            json("{}"),
            Map.of("dropped", dropped),
            null,
            "old-run");

    PipelineRunResult result = stub("resume-2").run(input);

    assertThat(result.steps()).extracting(StepProgress::id).containsExactly("outline");
  }

  @Test
  void progress_ofASucceededRun_saysSucceeded() {
    PipelineWorkflow workflow = stub("progress-1");

    workflow.run(PipelineRunInput.of(pipeline(agent("outline", "echo", "{}")), json("{}")));

    assertThat(workflow.progress().status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void cancellingTheRun_recordsWaitingAndRunningStepsCancelled_andTheRestNotReached() {
    PipelineWorkflow workflow = stub("cancel-1");
    WorkflowClient.start(
        workflow::run,
        PipelineRunInput.of(
            pipeline(
                approval("review", null),
                agent("slow", "slow", "{\"millis\": 5000}"),
                agent("after", "echo", "{}", "review")),
            json("{}")));
    awaitProgress(
        workflow,
        p ->
            step(p, "review").status() == StepStatus.WAITING_APPROVAL
                && step(p, "slow").status() == StepStatus.RUNNING);

    WorkflowStub.fromTyped(workflow).cancel();

    assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(PipelineRunResult.class))
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    // The workflow's own bookkeeping, read from the closed run (the API's describer would mark
    // unfinished steps cancelled by itself, so only this shows what the workflow recorded).
    RunProgress progress = workflow.progress();
    assertThat(progress.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(step(progress, "review").status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(step(progress, "review").endedAt()).isNotNull();
    assertThat(step(progress, "slow").status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(step(progress, "slow").startedAt()).isNotNull();
    assertThat(step(progress, "slow").error())
        .isEqualTo(new StepError(FailureTypes.CANCELLED, "cancelled before completion"));
    assertThat(step(progress, "after").status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(step(progress, "after").error())
        .isEqualTo(new StepError("NotReached", "run cancelled"));
  }

  @Test
  void sleepDurationRenderingToGarbage_failsTheStepAndEndsTheRun() {
    PipelineDefinition pipeline =
        pipeline(sleep("wait", "${{ input.wait }}"), agent("after", "echo", "{}", "wait"));

    ApplicationFailure failure = failureOf(pipeline, "{\"wait\": \"abc\"}");

    assertThat(failure.getType()).isEqualTo(FailureTypes.STEP_FAILED);
    assertThat(failure.getOriginalMessage())
        .startsWith("step \"wait\" failed: InvalidStepArguments: ")
        .contains("\"abc\"");
    RunProgress progress = failure.getDetails().get(RunProgress.class);
    assertThat(step(progress, "wait").error().type())
        .isEqualTo(FailureTypes.INVALID_STEP_ARGUMENTS);
    assertThat(agents.calls("after")).isZero();
  }

  @Test
  void sleepDurationRenderingToAnObject_failsTheStepAndEndsTheRun() {
    ApplicationFailure failure =
        failureOf(pipeline(sleep("wait", "${{ input }}")), "{\"wait\": \"1m\"}");

    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "step \"wait\" failed: InvalidStepArguments: duration must be a string such as"
                + " \"30s\", got OBJECT {\"wait\":\"1m\"}");
  }

  @Test
  void celRuntimeErrorInWith_failsTheStepAndEndsTheRun() {
    PipelineDefinition pipeline =
        pipeline(agent("draft", "echo", "{\"n\": \"${{ 10 / input.zero }}\"}"));

    ApplicationFailure failure = failureOf(pipeline, "{\"zero\": 0}");

    assertThat(failure.getType()).isEqualTo(FailureTypes.STEP_FAILED);
    assertThat(failure.getOriginalMessage())
        .startsWith("step \"draft\" failed: ExpressionError: expression `10 / input.zero` failed")
        .contains("by zero");
    assertThat(agents.calls("draft")).isZero();
  }

  @Test
  void celRuntimeErrorInOutput_failsTheRunNamingTheOutput() {
    PipelineDefinition pipeline =
        pipeline(
            "{\"text\": \"${{ steps.draft.output.missing.deep }}\"}", agent("draft", "echo", "{}"));

    ApplicationFailure failure = failureOf(pipeline, "{}");

    assertThat(failure.getType()).isEqualTo(FailureTypes.EXPRESSION_ERROR);
    assertThat(failure.getOriginalMessage())
        .startsWith("output: expression `steps.draft.output.missing.deep` failed");
    RunProgress progress = failure.getDetails().get(RunProgress.class);
    assertThat(progress.status()).isEqualTo(RunStatus.FAILED);
    assertThat(step(progress, "draft").status()).isEqualTo(StepStatus.SUCCEEDED);
  }

  @Test
  void templateRenderingANonJsonValue_failsTheStepAndEndsTheRun() {
    PipelineDefinition pipeline =
        pipeline(agent("ratio", "echo", "{\"r\": \"${{ 1.0 / input.zero }}\"}"));

    ApplicationFailure failure = failureOf(pipeline, "{\"zero\": 0.0}");

    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "step \"ratio\" failed: ExpressionError: expression `1.0 / input.zero` has no JSON"
                + " value: Infinity is not a JSON number");
    assertThat(agents.calls("ratio")).isZero();
  }

  @Test
  void whenExpressionError_stopsTheRun_whenOnErrorIsFail() {
    PipelineDefinition pipeline =
        pipeline(
            when(agent("notify", "echo", "{}"), "input.flag.deep == true"),
            agent("report", "echo", "{}", "notify"));

    ApplicationFailure failure = failureOf(pipeline, "{}");

    assertThat(failure.getType()).isEqualTo(FailureTypes.STEP_FAILED);
    assertThat(failure.getOriginalMessage())
        .startsWith(
            "step \"notify\" failed: ExpressionError: expression `input.flag.deep == true`");
    RunProgress progress = failure.getDetails().get(RunProgress.class);
    assertThat(progress.failedStep()).isEqualTo("notify");
    assertThat(step(progress, "notify").startedAt())
        .as("the step was reached, its when evaluated")
        .isNotNull()
        .isEqualTo(step(progress, "notify").endedAt());
    assertThat(step(progress, "report").status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(step(progress, "report").startedAt()).as("never reached").isNull();
    assertThat(agents.calls("notify")).isZero();
    assertThat(agents.calls("report")).isZero();
  }

  @Test
  void whenExpressionError_letsDependentsRun_whenOnErrorIsContinue() {
    PipelineDefinition pipeline =
        pipeline(
            continueOnError(when(agent("notify", "echo", "{}"), "input.flag.deep == true")),
            agent("report", "echo", "{\"notify\": \"${{ steps.notify.status }}\"}", "notify"));

    PipelineRunResult result = run(pipeline, "{}");

    assertThat(step(result, "notify").status()).isEqualTo(StepStatus.FAILED);
    assertThat(step(result, "notify").error().type()).isEqualTo(FailureTypes.EXPRESSION_ERROR);
    assertThat(step(result, "report").output()).isEqualTo(json("{\"notify\": \"failed\"}"));
  }

  @Test
  void pipelineTimeout_cancelsRunningSteps_andClosesTheRunTimedOut() {
    PipelineDefinition pipeline =
        withTimeout(
            pipeline(
                agent("fetch", "slow", "{\"millis\": 20000}"),
                sleep("pause", "1h"),
                agent("publish", "echo", "{}", "fetch", "pause")),
            "2s");

    ApplicationFailure failure = failureOf(pipeline, "{}");

    assertThat(failure.getType()).isEqualTo(FailureTypes.RUN_TIMED_OUT);
    assertThat(failure.getOriginalMessage())
        .isEqualTo("run timed out after 2s; the steps still running were cancelled");
    RunProgress progress = failure.getDetails().get(RunProgress.class);
    assertThat(progress.status()).isEqualTo(RunStatus.TIMED_OUT);
    assertThat(step(progress, "fetch").status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(step(progress, "pause").status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(step(progress, "publish").status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(step(progress, "publish").error().message()).isEqualTo("run timed out after 2s");
    assertThat(agents.calls("publish")).isZero();
  }

  @Test
  void pipelineTimeout_doesNotFire_whenTheRunSettlesFirst() {
    PipelineDefinition pipeline =
        withTimeout(pipeline(sleep("pause", "1m"), agent("after", "echo", "{}", "pause")), "1h");

    PipelineRunResult result = run(pipeline, "{}");

    assertThat(step(result, "after").status()).isEqualTo(StepStatus.SUCCEEDED);
  }
}
