package dev.agenthub.api.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.api.errors.ApiException;
import dev.agenthub.api.errors.RunServiceErrors;
import dev.agenthub.devkit.LocalTemporal;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.PipelineLoader;
import dev.agenthub.run.ApprovalDecision;
import dev.agenthub.run.PipelineWorkflowImpl;
import dev.agenthub.run.StepStatus;
import dev.agenthub.system.DevConfigurations;
import dev.agenthub.system.TestPorts;
import dev.agenthub.telemetry.Telemetry;
import dev.agenthub.temporal.TemporalSettings;
import dev.agenthub.testing.Poll;
import dev.agenthub.worker.WorkerSettings;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link TemporalRunService} against a real embedded Temporal server and an in-process worker, in
 * scan listing mode (the embedded server has no visibility queries). Each test uses pipelines of
 * its own names, so listings of one test never see another's runs.
 */
class TemporalRunServiceIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private static LocalTemporal engine;
  private static TemporalRunService runs;

  @BeforeAll
  static void startTemporal() throws Exception {
    TemporalSettings settings =
        TemporalSettings.defaults().withTarget("127.0.0.1:" + TestPorts.free());
    engine =
        LocalTemporal.start(
            DevConfigurations.of(settings, WorkerSettings.defaults()),
            true,
            Telemetry.withoutTracing("test"));
    runs = new TemporalRunService(engine.client(), settings.taskQueue(), Listing.SCAN);
  }

  @AfterAll
  static void stopTemporal() {
    engine.close();
  }

  @Test
  void start_thenApprove_runsToSuccessWithOutputAndUsage() {
    RunStarted started = runs.start(approvalPipeline("approve-flow"), input(), null, null, null);

    assertThat(started.created()).isTrue();
    assertThat(started.status()).isEqualTo("running");
    RunView waiting = awaitStep(started.workflowId(), "review", StepStatus.WAITING_APPROVAL);
    assertThat(waiting.status()).isEqualTo("running");
    assertThat(waiting.pipeline()).isEqualTo("approve-flow");
    assertThat(waiting.pipelineVersion()).isEqualTo("2");
    assertThat(waiting.steps())
        .extracting(StepView::id)
        .containsExactly("draft", "review", "publish");
    assertThat(step(waiting, "draft").status()).isEqualTo(StepStatus.SUCCEEDED);

    runs.decide(started.workflowId(), new ApprovalDecision("review", true, "ship it", "ana"));

    RunView done = awaitStatus(started.workflowId(), "succeeded");
    assertThat(done.closedAt()).isNotNull();
    assertThat(done.failure()).isNull();
    assertThat(done.output().path("published").path("approvedBy").asText()).isEqualTo("ana");
    assertThat(done.usage().inputTokens()).isPositive();
    assertThat(done.usage().costUsd()).isPositive();
    assertThat(done.steps()).allMatch(s -> s.status() == StepStatus.SUCCEEDED);
  }

  @Test
  void decide_isRefused_unlessTheStepIsAWaitingApproval() {
    RunStarted started = runs.start(approvalPipeline("decide-checks"), input(), null, null, null);
    String id = started.workflowId();
    awaitStep(id, "review", StepStatus.WAITING_APPROVAL);

    assertThat(apiError(() -> runs.decide(id, decision("publish"))))
        .extracting(ApiException::status, ApiException::code)
        .containsExactly(409, "step_not_waiting");
    assertThat(apiError(() -> runs.decide(id, decision("draft"))).code())
        .isEqualTo("step_not_waiting");
    assertThat(apiError(() -> runs.decide(id, decision("nope"))))
        .extracting(ApiException::status, ApiException::code)
        .containsExactly(404, "step_not_found");

    runs.decide(id, new ApprovalDecision("review", false, "no", "ana"));
    RunView failed = awaitStatus(id, "failed");
    assertThat(failed.failure().type()).isEqualTo("StepFailed");
    assertThat(failed.failure().failedStep()).isEqualTo("review");
    assertThat(failed.failure().message()).contains("ApprovalRejected");
    assertThat(apiError(() -> runs.decide(id, decision("review"))).code())
        .isEqualTo("step_not_waiting");
  }

  @Test
  void start_returnsTheFirstRun_whenIdempotencyKeyRepeats() {
    PipelineDefinition pipeline = approvalPipeline("idem-repeat");

    RunStarted first = runs.start(pipeline, input(), null, null, "key-1");
    RunStarted second =
        runs.start(pipeline, json("{ \"subject\" :\"durable execution\" }"), null, null, "key-1");

    assertThat(first.created()).isTrue();
    assertThat(first.workflowId()).matches("idem-repeat-idem-[0-9a-f]{26}");
    assertThat(second.created()).isFalse();
    assertThat(second.workflowId()).isEqualTo(first.workflowId());
    assertThat(second.runId()).isEqualTo(first.runId());
    assertThat(second.status()).isEqualTo("running");
    assertThat(
            apiError(() -> runs.start(pipeline, json("{\"subject\": \"t\"}"), null, null, "key-1")))
        .extracting(ApiException::status, ApiException::code, ApiException::getMessage)
        .containsExactly(
            422, "idempotency_key_reused", "Idempotency-Key was used with a different request");
    assertThat(apiError(() -> runs.start(pipeline, input(), null, 0.01, "key-1")).code())
        .isEqualTo("idempotency_key_reused");
    assertThat(runs.start(pipeline, input(), null, null, "key-2").workflowId())
        .isNotEqualTo(first.workflowId());
  }

  @Test
  void start_startsExactlyOneRun_whenEightIdenticalKeyedRequestsRace() throws Exception {
    PipelineDefinition pipeline = approvalPipeline("idem-race");
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<RunStarted>> answers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  return runs.start(pipeline, input(), null, 0.5, "race");
                }));
      }
      go.countDown();
      List<RunStarted> started = new ArrayList<>();
      for (Future<RunStarted> answer : answers) {
        started.add(answer.get());
      }

      assertThat(started).filteredOn(RunStarted::created).hasSize(1);
      assertThat(started).extracting(RunStarted::runId).containsOnly(started.get(0).runId());
      assertThat(runs.list("idem-race", null, 100, null).runs()).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void start_refusesTakenIdsAndBadBudgets() {
    PipelineDefinition pipeline = approvalPipeline("start-checks");
    runs.start(pipeline, input(), "start-checks-mine", null, null);

    assertThat(apiError(() -> runs.start(pipeline, input(), "start-checks-mine", null, null)))
        .extracting(ApiException::status, ApiException::code)
        .containsExactly(409, "run_exists");
    assertThat(apiError(() -> runs.start(pipeline, input(), null, 2.0, null)))
        .extracting(ApiException::status, ApiException::code)
        .containsExactly(422, "budget_above_pipeline");
    assertThat(apiError(() -> runs.start(pipeline, input(), null, 0.0, null)).code())
        .isEqualTo("invalid_budget");
    assertThat(apiError(() -> runs.start(pipeline, input(), null, -1.0, null)).code())
        .isEqualTo("invalid_budget");
  }

  @Test
  void list_pagesNewestFirst_andFiltersByPipelineAndStatus() {
    PipelineDefinition listed = quickPipeline("list-a");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(runs.start(listed, input(), null, null, null).workflowId());
    }
    runs.start(quickPipeline("list-b"), input(), null, null, null);
    ids.forEach(id -> awaitStatus(id, "succeeded"));

    RunPage first = runs.list("list-a", null, 2, null);
    // A run started after the first page must not shift the pages that follow.
    String late = runs.start(listed, input(), null, null, null).workflowId();
    RunPage second = runs.list("list-a", null, 2, first.nextPageToken());
    RunPage third = runs.list("list-a", null, 2, second.nextPageToken());

    assertThat(first.listing()).isEqualTo("scan");
    assertThat(first.runs()).hasSize(2);
    assertThat(second.runs()).hasSize(2);
    assertThat(third.runs()).hasSize(1);
    assertThat(third.nextPageToken()).isNull();
    List<String> paged = new ArrayList<>();
    List.of(first, second, third).forEach(p -> p.runs().forEach(r -> paged.add(r.workflowId())));
    List<String> newestFirst = new ArrayList<>(ids);
    Collections.reverse(newestFirst);
    assertThat(paged).containsExactlyElementsOf(newestFirst);
    RunSummary newest = first.runs().get(0);
    assertThat(newest.pipeline()).isEqualTo("list-a");
    assertThat(newest.pipelineVersion()).isEqualTo("1");
    assertThat(newest.status()).isEqualTo("succeeded");
    assertThat(newest.closedAt()).isAfterOrEqualTo(newest.startedAt());

    awaitStatus(late, "succeeded");
    assertThat(runs.list("list-a", null, 100, null).runs().get(0).workflowId()).isEqualTo(late);
    assertThat(runs.list("list-a", "succeeded", 100, null).runs()).hasSize(6);
    assertThat(runs.list("list-a", "running", 100, null).runs()).isEmpty();
    assertThat(runs.list("list-b", null, 100, null).runs())
        .singleElement()
        .extracting(RunSummary::pipeline)
        .isEqualTo("list-b");
    assertThat(runs.list(null, "succeeded", 100, null).runs())
        .extracting(RunSummary::pipeline)
        .contains("list-a", "list-b");
  }

  @Test
  void list_rejectsBadArguments() {
    assertThat(apiError(() -> runs.list(null, "done", 10, null)))
        .extracting(ApiException::status, ApiException::code)
        .containsExactly(400, "invalid_status");
    assertThat(apiError(() -> runs.list(null, null, 0, null)).code())
        .isEqualTo("invalid_page_size");
    assertThat(apiError(() -> runs.list(null, null, 101, null)).code())
        .isEqualTo("invalid_page_size");
    assertThat(apiError(() -> runs.list(null, null, 10, "not a token!")).code())
        .isEqualTo("invalid_page_token");
  }

  @Test
  void list_fallsBackToScanning_whenTheServerLacksVisibilityQueries() {
    TemporalRunService auto =
        new TemporalRunService(
            engine.client(), engine.connection().settings().taskQueue(), Listing.AUTO);
    String id = auto.start(quickPipeline("list-auto"), input(), null, null, null).workflowId();

    RunPage page = auto.list("list-auto", null, 10, null);

    assertThat(page.listing()).isEqualTo("scan");
    assertThat(page.runs()).extracting(RunSummary::workflowId).containsExactly(id);
  }

  @Test
  void history_namesStepsAndAttempts_andTemporalJsonReplays() throws Exception {
    String id = runs.start(approvalPipeline("history"), input(), null, null, null).workflowId();
    awaitStep(id, "review", StepStatus.WAITING_APPROVAL);
    runs.decide(id, decision("review"));
    awaitStatus(id, "succeeded");

    List<HistoryEventView> events = runs.history(id).events();

    assertThat(events.get(0).type()).isEqualTo("WORKFLOW_EXECUTION_STARTED");
    assertThat(events)
        .filteredOn(e -> e.type().equals("ACTIVITY_TASK_SCHEDULED"))
        .extracting(HistoryEventView::step, HistoryEventView::agent)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("draft", "llm"),
            org.assertj.core.groups.Tuple.tuple("publish", "transform"));
    assertThat(events)
        .filteredOn(e -> e.type().equals("ACTIVITY_TASK_STARTED"))
        .allMatch(e -> e.attempt() == 1 && e.step() != null);
    assertThat(events)
        .filteredOn(e -> e.type().equals("ACTIVITY_TASK_COMPLETED"))
        .extracting(HistoryEventView::step)
        .containsExactly("draft", "publish");
    assertThat(events)
        .filteredOn(e -> e.type().equals("WORKFLOW_EXECUTION_UPDATE_ACCEPTED"))
        .extracting(HistoryEventView::step)
        .containsExactly("review");
    assertThat(events.get(events.size() - 1).type()).isEqualTo("WORKFLOW_EXECUTION_COMPLETED");

    String json = runs.temporalHistory(id);
    assertThatCode(() -> WorkflowReplayer.replayWorkflowExecution(json, PipelineWorkflowImpl.class))
        .doesNotThrowAnyException();
  }

  @Test
  void cancelAndTerminate_stopRunningRuns_andRefuseClosedOnes() {
    PipelineDefinition pipeline = approvalPipeline("stop");
    String cancelled = runs.start(pipeline, input(), null, null, null).workflowId();
    String terminated = runs.start(pipeline, input(), null, null, null).workflowId();
    awaitStep(cancelled, "review", StepStatus.WAITING_APPROVAL);
    awaitStep(terminated, "review", StepStatus.WAITING_APPROVAL);

    String cancelledRunId = runs.cancel(cancelled);
    String terminatedRunId = runs.terminate(terminated, "enough", "tester");

    RunView c = awaitStatus(cancelled, "cancelled");
    assertThat(cancelledRunId).isEqualTo(c.runId());
    assertThat(terminatedRunId).isEqualTo(runs.describe(terminated).runId());
    assertThat(c.failure().type()).isEqualTo("Cancelled");
    assertThat(step(c, "draft").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(step(c, "review").status()).isEqualTo(StepStatus.CANCELLED);
    RunView t = awaitStatus(terminated, "terminated");
    assertThat(t.failure().type()).isEqualTo("Terminated");
    assertThat(t.failure().message()).isEqualTo("enough (by tester)");
    assertThat(step(t, "review").status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(runs.history(terminated).events())
        .last()
        .extracting(HistoryEventView::failure)
        .isEqualTo("enough (by tester)");

    assertThat(apiError(() -> runs.cancel(cancelled)))
        .extracting(ApiException::status, ApiException::code)
        .containsExactly(409, "run_not_running");
    assertThat(apiError(() -> runs.terminate(terminated, "again", "tester")).code())
        .isEqualTo("run_not_running");
    assertThat(apiError(() -> runs.describe("stop-nothing-here")))
        .extracting(ApiException::status, ApiException::code)
        .containsExactly(404, "run_not_found");
    assertThat(apiError(() -> runs.cancel("stop-nothing-here")).code()).isEqualTo("run_not_found");
    assertThat(apiError(() -> runs.history("stop-nothing-here")).code()).isEqualTo("run_not_found");
  }

  @Test
  void retry_resumesAfterTheSucceededSteps_andRerunStartsAfresh() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().code(500).body("down").build());
      server.start();
      JsonNode input = json("{\"url\": \"" + server.url("/hook") + "\"}");
      String failed = runs.start(httpPipeline(), input, null, null, null).workflowId();

      RunView failure = awaitStatus(failed, "failed");
      assertThat(failure.failure().type()).isEqualTo("StepFailed");
      assertThat(failure.failure().failedStep()).isEqualTo("post");
      assertThat(step(failure, "write").status()).isEqualTo(StepStatus.SUCCEEDED);
      String running =
          runs.start(approvalPipeline("retry-running"), input(), null, null, null).workflowId();
      assertThat(apiError(() -> runs.retry(running)))
          .extracting(ApiException::status, ApiException::code)
          .containsExactly(409, "run_not_retryable");

      server.enqueue(new MockResponse.Builder().code(200).body("{\"ok\": true}").build());
      RunStarted retry = runs.retry(failed);

      assertThat(retry.created()).isTrue();
      assertThat(retry.workflowId()).isEqualTo(failed + ".retry");
      RunView retried = awaitStatus(retry.workflowId(), "succeeded");
      assertThat(retried.retryOf()).isEqualTo(failed);
      assertThat(step(retried, "prepare").reused()).isTrue();
      assertThat(step(retried, "write").reused()).isTrue();
      assertThat(step(retried, "write").output()).isEqualTo(step(failure, "write").output());
      assertThat(step(retried, "post").reused()).isFalse();
      assertThat(step(retried, "post").status()).isEqualTo(StepStatus.SUCCEEDED);
      assertThat(retried.usage().inputTokens()).isZero();
      assertThat(server.getRequestCount()).isEqualTo(2);
      assertThat(runs.history(retry.workflowId()).events())
          .filteredOn(e -> e.type().equals("ACTIVITY_TASK_SCHEDULED"))
          .extracting(HistoryEventView::step)
          .containsExactly("post");
      assertThat(runs.describe(failed).retriedBy()).isEqualTo(failed + ".retry");

      RunStarted again = runs.retry(failed);
      assertThat(again.created()).isFalse();
      assertThat(again.workflowId()).isEqualTo(retry.workflowId());
      assertThat(again.runId()).isEqualTo(retry.runId());
      assertThat(apiError(() -> runs.retry(retry.workflowId())))
          .extracting(ApiException::status, ApiException::code)
          .containsExactly(409, "run_not_retryable");

      server.enqueue(new MockResponse.Builder().code(200).body("{\"ok\": true}").build());
      RunStarted rerun = runs.rerun(failed);
      assertThat(rerun.workflowId()).startsWith("retry-demo-").isNotEqualTo(failed);
      RunView fresh = awaitStatus(rerun.workflowId(), "succeeded");
      assertThat(fresh.steps()).noneMatch(StepView::reused);
      assertThat(fresh.retryOf()).isNull();
      assertThat(runs.history(rerun.workflowId()).events())
          .filteredOn(e -> e.type().equals("ACTIVITY_TASK_SCHEDULED"))
          .extracting(HistoryEventView::step)
          .containsExactly("prepare", "write", "post");
    }
  }

  private static PipelineDefinition approvalPipeline(String name) {
    return pipeline(
        """
        name: %s
        version: "2"
        budget: {maxCostUsd: 1.0}
        steps:
          - id: draft
            agent: llm
            with: {provider: simulated, prompt: "Draft about ${{ input.subject }}", latency: 50ms}
          - id: review
            type: approval
            needs: [draft]
          - id: publish
            agent: transform
            needs: [review]
            with:
              expression: >-
                {"text": steps.draft.output.text, "approvedBy": steps.review.output.decidedBy}
        output:
          published: "${{ steps.publish.output }}"
        """
            .formatted(name));
  }

  private static PipelineDefinition quickPipeline(String name) {
    return pipeline(
        """
        name: %s
        steps:
          - id: only
            agent: transform
            with: {expression: '{"subject": input.subject}'}
        """
            .formatted(name));
  }

  private static PipelineDefinition httpPipeline() {
    return pipeline(
        """
        name: retry-demo
        steps:
          - id: prepare
            agent: transform
            with: {expression: '{"n": 1}'}
          - id: write
            agent: llm
            needs: [prepare]
            with: {provider: simulated, prompt: "Write it", latency: 50ms}
          - id: post
            agent: http
            needs: [write]
            with:
              url: "${{ input.url }}"
              method: POST
              body: {text: "${{ steps.write.output.text }}"}
            retry: {maxAttempts: 1}
        """);
  }

  private static PipelineDefinition pipeline(String yaml) {
    return PipelineLoader.parse(yaml, "test.yml", AgentCatalog.builtIn());
  }

  private static JsonNode input() {
    return json("{\"subject\": \"durable execution\"}");
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static ApprovalDecision decision(String step) {
    return new ApprovalDecision(step, true, null, "tester");
  }

  private static StepView step(RunView run, String id) {
    return run.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  /** The HTTP error the run service's failure in {@code call} is answered with. */
  private static ApiException apiError(Runnable call) {
    return RunServiceErrors.http(catchThrowableOfType(RunServiceException.class, call::run));
  }

  private static RunView awaitStatus(String workflowId, String status) {
    return await(() -> runs.describe(workflowId), run -> run.status().equals(status), status);
  }

  private static RunView awaitStep(String workflowId, String step, StepStatus status) {
    return await(
        () -> runs.describe(workflowId),
        run -> run.steps().stream().anyMatch(s -> s.id().equals(step) && s.status() == status),
        step + " " + status);
  }

  /** Polls until {@code done} holds, for up to {@link #DEADLINE}. */
  private static <T> T await(Callable<T> poll, Predicate<T> done, String what) {
    return Poll.until(what, DEADLINE, poll, done);
  }
}
