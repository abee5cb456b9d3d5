package dev.agenthub.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Replays recorded histories against today's interpreter. A change to workflow code that would
 * alter the command sequence of a recorded run fails here; guard such changes with {@code
 * Workflow.getVersion} and record a new history beside the old ones.
 */
class PipelineWorkflowReplayTest {

  /**
   * A run with parallel steps, a retried agent, a skipped {@code when}, a durable sleep and an
   * approved approval step.
   */
  @Test
  void replay_pipelineV1History() throws Exception {
    File history = resource("histories/pipeline-v1.json");

    assertThatCode(() -> replay(history)).doesNotThrowAnyException();
  }

  /**
   * A run under the budget guard (version 1 of {@code budget-guard}): the first llm step runs, the
   * second's worst case does not fit the run's budget, so it never starts and the run fails with
   * {@code BudgetExceeded}.
   */
  @Test
  void replay_pipelineV2BudgetStopHistory() throws Exception {
    File history = resource("histories/pipeline-v2-budget.json");

    assertThatCode(() -> replay(history)).doesNotThrowAnyException();
  }

  /**
   * A run under the pipeline timer (version 1 of {@code pipeline-timeout}): one step succeeds, then
   * an activity and a durable sleep run in parallel until the run's 2 s timeout fires, cancels both
   * and fails the run {@code RunTimedOut}. Recorded by {@link HistoryRecording}.
   */
  @Test
  void replay_pipelineV3TimeoutHistory() throws Exception {
    File history = resource("histories/pipeline-v3-timeout.json");

    assertThatCode(() -> replay(history)).doesNotThrowAnyException();
  }

  /**
   * A run whose approval was decided by the {@code decideApproval} update (accepted and completed
   * events in the history) rather than the {@code decide} signal. Recorded by {@link
   * HistoryRecording}.
   */
  @Test
  void replay_pipelineV4ApprovalUpdateHistory() throws Exception {
    File history = resource("histories/pipeline-v4-approval-update.json");

    assertThatCode(() -> replay(history)).doesNotThrowAnyException();
  }

  /**
   * Replays {@code history} on a worker whose deadlock detector allows 10 s: the first replay in a
   * JVM loads CEL and Jackson classes inside the workflow thread, which on a loaded machine took
   * longer than the default 1 s and failed the replay as a "potential deadlock".
   */
  private static void replay(File history) throws Exception {
    replay(WorkflowExecutionHistory.fromJson(Files.readString(history.toPath())));
  }

  private static void replay(WorkflowExecutionHistory history) throws Exception {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker =
          env.newWorker(
              "replay",
              WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(10_000).build());
      worker.registerWorkflowImplementationTypes(PipelineWorkflowImpl.class);
      WorkflowReplayer.replayWorkflowExecution(history, worker);
    }
  }

  /**
   * A run under the expression limits (version 1 of {@code expression-limits}): a step succeeds,
   * the next one's template makes 10,000 comprehension iterations and fails {@code
   * ExpressionLimitExceeded}, which fails the run. Recorded by {@link HistoryRecording}.
   */
  @Test
  void replay_pipelineV4ExpressionLimitsHistory() throws Exception {
    File history = resource("histories/pipeline-v4-expression-limits.json");

    assertThatCode(() -> replay(history)).doesNotThrowAnyException();
  }

  /**
   * A run under the history size guard (version 1 of {@code history-size-guard}): two parallel
   * steps succeed, the next fails and fails the run. Recorded by {@link HistoryRecording}.
   */
  @Test
  void replay_pipelineV5HistoryGuardHistory() throws Exception {
    File history = resource("histories/pipeline-v5-history-guard.json");

    assertThatCode(() -> replay(history)).doesNotThrowAnyException();
  }

  /**
   * A retry under the strict budget worst case (version 1 of {@code budget-worst-case}), carrying
   * earlier spend: one llm step runs, the next names an unpriced model and fails {@code
   * UnpricedModel}. Recorded by {@link HistoryRecording}.
   */
  @Test
  void replay_pipelineV6BudgetWorstCaseHistory() throws Exception {
    File history = resource("histories/pipeline-v6-budget-worst-case.json");

    assertThatCode(() -> replay(history)).doesNotThrowAnyException();
  }

  /**
   * An agent loop (version 1 of {@code agent-loop}) under a budget: a model turn asks for two tool
   * calls run in parallel, one approved through the {@code decideApproval} update by call id; the
   * next turn answers in the response schema. Recorded by {@link HistoryRecording}.
   */
  @Test
  void replay_pipelineV7AgentLoopHistory() throws Exception {
    File history = resource("histories/pipeline-v7-agent-loop.json");

    assertThatCode(() -> replay(history)).doesNotThrowAnyException();
  }

  /**
   * An agent loop under version 1 of {@code agent-span}: its two turns and its tool call carry the
   * loop's span id, and the {@code agenthub.invoke_agent} local activity (a marker) emits the
   * loop's span when it ends. Recorded by {@link HistoryRecording}.
   */
  @Test
  void replay_pipelineV7AgentSpanHistory() throws Exception {
    File history = resource("histories/pipeline-v7-agent-span.json");

    WorkflowExecutionHistory recorded =
        WorkflowExecutionHistory.fromJson(Files.readString(history.toPath()));
    assertThat(
            recorded.getEvents().stream()
                .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
                .map(
                    event ->
                        DefaultDataConverter.STANDARD_INSTANCE
                            .fromPayloads(
                                0,
                                Optional.of(
                                    event.getActivityTaskScheduledEventAttributes().getInput()),
                                dev.agenthub.agents.AgentRequest.class,
                                dev.agenthub.agents.AgentRequest.class)
                            .agentSpanId()))
        .hasSize(3)
        .containsOnly(
            AgentLoopSpan.spanId(
                "agent-span-run",
                recorded
                    .getEvents()
                    .get(0)
                    .getWorkflowExecutionStartedEventAttributes()
                    .getOriginalExecutionRunId(),
                "research",
                -1,
                1));
    assertThat(
            recorded.getEvents().stream()
                .filter(HistoryEvent::hasMarkerRecordedEventAttributes)
                .map(event -> event.getMarkerRecordedEventAttributes().getMarkerName()))
        .containsSubsequence("Version", "LocalActivity");
    assertThatCode(() -> replay(history)).doesNotThrowAnyException();
  }

  /**
   * A run whose second step's input is over the bound under version 1 of {@code
   * activity-input-bound}: the step fails {@code InputTooLarge} without an activity, and the
   * version marker holds the change id. Recorded by {@link HistoryRecording}.
   */
  @Test
  void replay_pipelineV7InputBoundHistory() throws Exception {
    File history = resource("histories/pipeline-v7-input-bound.json");

    String text = Files.readString(history.toPath());
    assertThat(text).contains("ImFjdGl2aXR5LWlucHV0LWJvdW5kIg", "InputTooLarge");
    assertThat(text.split("EVENT_TYPE_ACTIVITY_TASK_SCHEDULED", -1)).hasSize(2);
    assertThatCode(() -> replay(history)).doesNotThrowAnyException();
  }

  /**
   * A run closed by its pipeline timeout under version 1 of {@code timed-out-memo}: a step
   * succeeds, a durable sleep is cancelled by the 2 s timeout, and the run writes the {@code
   * outcome: timed_out} memo (a properties-modified event) before it fails {@code RunTimedOut}. The
   * version marker holds the change id as a base64 JSON payload. Recorded by {@link
   * HistoryRecording}.
   */
  @Test
  void replay_pipelineV7TimedOutMemoHistory() throws Exception {
    File history = resource("histories/pipeline-v7-timed-out-memo.json");

    assertThat(Files.readString(history.toPath()))
        .contains("EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED", "InRpbWVkLW91dC1tZW1vIg");
    assertThatCode(() -> replay(history)).doesNotThrowAnyException();
  }

  /**
   * A run with a {@code forEach} step: four elements two at a time under a budget, one skipped by
   * its {@code when}, one failed in its place ({@code onItemError: continue}), two llm activities;
   * a later step reads the list. Recorded by {@link HistoryRecording}.
   */
  @Test
  void replay_pipelineV7ForEachHistory() throws Exception {
    File history = resource("histories/pipeline-v7-foreach.json");

    WorkflowExecutionHistory recorded =
        WorkflowExecutionHistory.fromJson(Files.readString(history.toPath()));
    assertThat(
            recorded.getEvents().stream()
                .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
                .map(
                    event ->
                        DefaultDataConverter.STANDARD_INSTANCE
                            .fromPayloads(
                                0,
                                Optional.of(
                                    event.getActivityTaskScheduledEventAttributes().getInput()),
                                dev.agenthub.agents.AgentRequest.class,
                                dev.agenthub.agents.AgentRequest.class)
                            .idempotencyKey()))
        .containsExactly(
            "foreach-run/summaries[0]", "foreach-run/summaries[3]", "foreach-run/count");
    assertThatCode(() -> replay(history)).doesNotThrowAnyException();
  }

  /**
   * A map-reduce run: a {@code pipeline:} step under {@code forEach} starts two child workflows
   * from the run's snapshot of pipelines, then a step joins their outputs. Recorded by {@link
   * HistoryRecording}.
   */
  @Test
  void replay_pipelineV7ChildPipelineHistory() throws Exception {
    File history = resource("histories/pipeline-v7-child-pipeline.json");

    WorkflowExecutionHistory recorded =
        WorkflowExecutionHistory.fromJson(Files.readString(history.toPath()));
    assertThat(
            recorded.getEvents().stream()
                .filter(HistoryEvent::hasStartChildWorkflowExecutionInitiatedEventAttributes)
                .map(
                    e ->
                        e.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId()))
        .containsExactly("map-reduce-run/each[0]", "map-reduce-run/each[1]");
    // Child ids derive from the parent's workflow id, so the replay needs the recorded one.
    assertThatCode(
            () ->
                replay(
                    WorkflowExecutionHistory.fromJson(
                        Files.readString(history.toPath()), "map-reduce-run")))
        .doesNotThrowAnyException();
  }

  /**
   * A run of a declared external agent: its declaration travels in the run's input and puts its
   * activity on the declared task queue with the declared timeouts. Recorded by {@link
   * HistoryRecording}.
   */
  @Test
  void replay_pipelineV4DeclaredAgentsHistory() throws Exception {
    File history = resource("histories/pipeline-v4-declared-agents.json");

    assertThat(Files.readString(history.toPath()))
        .contains("\"name\": \"python-agents\"", "\"heartbeatTimeout\": \"20s\"");
    assertThatCode(() -> replay(history)).doesNotThrowAnyException();
  }

  private static File resource(String name) throws URISyntaxException {
    return new File(
        Objects.requireNonNull(
                PipelineWorkflowReplayTest.class.getClassLoader().getResource(name), name)
            .toURI());
  }
}
