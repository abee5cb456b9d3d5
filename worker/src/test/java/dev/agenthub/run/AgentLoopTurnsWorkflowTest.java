package dev.agenthub.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.PipelineLoader;
import dev.agenthub.testing.Poll;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * What each turn of an agent loop carries and where the loop stands between turns: the step's model
 * settings, the transcript's limit, the progress query, and the errors of tool calls that never
 * reach their agent. The llm agent talks to the scripted model of {@link ScriptedModelEnvironment},
 * the tools are real agents.
 */
class AgentLoopTurnsWorkflowTest {

  private static final String QUEUE = "agent-loop-turns";
  private static final String SHAPE =
      """
      - name: shape
        agent: transform
        with: {expression: "{'topic': args.topic}"}
        arguments: {type: object, properties: {topic: {type: string}}}
      """;

  @AutoClose private final ScriptedModelEnvironment scripted = ScriptedModelEnvironment.open(QUEUE);
  private final FakeOpenAi fake = scripted.fake;
  private final WorkflowClient client = scripted.client;

  /** A pipeline whose step {@code research} runs {@code with} and {@code loop} over the tools. */
  private static PipelineDefinition pipeline(String with, String loop, String tools) {
    return PipelineLoader.parse(
        """
        name: research
        steps:
          - id: research
            agent: llm
            with: %s
        %s
            tools:
        %s
        """
            .formatted(with, loop.indent(4).stripTrailing(), tools.indent(6).stripTrailing()),
        "research.yml",
        AgentCatalog.builtIn());
  }

  private PipelineWorkflow start(String id, PipelineDefinition pipeline, String input) {
    return scripted.start(
        id,
        new PipelineRunInput(
            pipeline,
            TestPipelines.json(input),
            Map.of(),
            null,
            null,
            ScriptedModelEnvironment.PRICES));
  }

  private static PipelineRunResult result(PipelineWorkflow workflow) throws Exception {
    return WorkflowStub.fromTyped(workflow)
        .getResult(30, TimeUnit.SECONDS, PipelineRunResult.class);
  }

  /** The tool message answering the model's first call, as the second turn sends it. */
  private String firstToolMessage(int index) {
    return List.copyOf(fake.chatRequests)
        .get(1)
        .path("messages")
        .get(1 + index)
        .path("content")
        .asText();
  }

  @Test
  void loop_transcriptExactlyAtItsLimit_runsTheTurn_andOneTurnPastItFailsAfterOneTurn()
      throws Exception {
    String text = "a".repeat(1100);
    int opening =
        AgentTranscript.opening(TestPipelines.json("{\"prompt\": \"" + text + "\"}")).bytes();
    fake.reply(FakeOpenAi.toolCalls(10, new String[] {"call_1", "shape", "{\"topic\": \"x\"}"}));
    PipelineWorkflow workflow =
        start(
            "loop-transcript-limit",
            pipeline(
                "{prompt: \"${{ input.text }}\", model: gpt-4o-mini}",
                "maxTranscriptBytes: " + opening,
                SHAPE),
            "{\"text\": \"" + text + "\"}");

    WorkflowFailedException failed =
        catchThrowableOfType(WorkflowFailedException.class, () -> result(workflow));

    assertThat(failed).as("the run should fail").isNotNull();
    assertThat(((ApplicationFailure) failed.getCause()).getOriginalMessage())
        .contains(
            FailureTypes.AGENT_TRANSCRIPT_TOO_LARGE,
            "before turn 2, more than maxTranscriptBytes " + opening);
    assertThat(fake.chatRequests).hasSize(1);
    StepProgress research = InterpreterFixture.step(workflow.progress(), "research");
    assertThat(research.status()).isEqualTo(StepStatus.FAILED);
    assertThat(research.attempts()).as("the turns the loop took").isEqualTo(1);
  }

  @Test
  void loop_everyTurn_carriesTheStepsModelSettingsAndToolChoice_andNoUnsetOptions()
      throws Exception {
    fake.reply(
        FakeOpenAi.toolCalls(10, new String[] {"call_1", "shape", "{\"topic\": \"x\"}"}),
        FakeOpenAi.answer(20, 3, "Done."));
    PipelineDefinition pipeline =
        pipeline(
            "{prompt: Research, model: gpt-4o, temperature: 0.25, max_tokens: 321}",
            "toolChoice: required",
            SHAPE);

    result(start("loop-settings", pipeline, "{}"));

    assertThat(fake.chatRequests)
        .hasSize(2)
        .allSatisfy(
            request -> {
              assertThat(request.path("model").asText()).isEqualTo("gpt-4o");
              assertThat(request.path("temperature").asDouble()).isEqualTo(0.25);
              assertThat(request.path("max_tokens").asInt()).isEqualTo(321);
              assertThat(request.path("tool_choice").asText()).isEqualTo("required");
              assertThat(request.has("parallel_tool_calls")).isFalse();
            });
  }

  @Test
  void progress_duringALaterTurn_listsNoSettledCalls_andAfterTheLoopNoLoop() throws Exception {
    fake.hold(2)
        .reply(
            FakeOpenAi.toolCalls(10, new String[] {"call_1", "shape", "{\"topic\": \"x\"}"}),
            FakeOpenAi.answer(20, 3, "Done."));
    PipelineWorkflow workflow =
        start("loop-progress", pipeline("{prompt: Research}", "maxTurns: 4", SHAPE), "{}");

    AgentLoopStatus secondTurn =
        Poll.until(
            "the loop to be in its second turn",
            Duration.ofSeconds(20),
            () -> {
              RunProgress progress = workflow.progress();
              return progress == null ? null : progress.agentLoops().get("research");
            },
            loop -> loop != null && loop.turn() == 2);
    fake.release();

    assertThat(secondTurn.maxTurns()).isEqualTo(4);
    assertThat(secondTurn.pendingToolCalls()).isEmpty();
    assertThat(InterpreterFixture.step(result(workflow), "research").status())
        .isEqualTo(StepStatus.SUCCEEDED);
    assertThat(workflow.progress().agentLoops()).doesNotContainKey("research");
  }

  @Test
  void loop_argumentsNotJson_andAToolWhoseWithCannotBeEvaluated_goBackToTheModel()
      throws Exception {
    fake.reply(
        FakeOpenAi.toolCalls(
            10,
            new String[] {"call_1", "shape", "{not json"},
            new String[] {"call_2", "page", "{}"}),
        FakeOpenAi.answer(20, 3, "Sorry."));
    String page =
        """
        - name: page
          agent: http
          with: {url: "${{ args.page.number }}"}
          arguments: {type: object}
        """;

    PipelineRunResult result =
        result(start("loop-bad-args", pipeline("{prompt: Research}", "", SHAPE + page), "{}"));

    assertThat(InterpreterFixture.step(result, "research").output().path("toolCalls"))
        .extracting(c -> c.path("name").asText() + ":" + c.path("status").asText())
        .containsExactly("shape:invalid_arguments", "page:failed");
    assertThat(firstToolMessage(1)).contains("invalid_arguments", "the arguments are not JSON");
    assertThat(firstToolMessage(2)).contains("\"type\":\"failed\"", "page");
  }

  @Test
  void tool_whoseAgentReadsTheRunContext_getsOnlyTheStepsItsExpressionNames() throws Exception {
    fake.reply(
        FakeOpenAi.toolCalls(
            10,
            new String[] {"call_1", "shape", "{\"topic\": \"x\"}"},
            new String[] {"call_2", "notes", "{}"}),
        FakeOpenAi.answer(20, 3, "Done."));
    PipelineDefinition pipeline =
        PipelineLoader.parse(
            """
            name: research
            steps:
              - id: earlier
                agent: transform
                with: {expression: "'NOTES-MARKER'"}
              - id: research
                agent: llm
                needs: [earlier]
                with: {prompt: Research}
                tools:
            %s
                  - name: notes
                    agent: transform
                    with: {expression: "steps.earlier.output"}
                    arguments: {type: object}
            """
                .formatted(SHAPE.indent(6).stripTrailing()),
            "research.yml",
            AgentCatalog.builtIn());

    result(start("loop-tool-context", pipeline, "{}"));

    assertThat(firstToolMessage(2)).isEqualTo("NOTES-MARKER");
    assertThat(toolInput("loop-tool-context", "research/shape"))
        .contains("\"topic\":\"x\"")
        .doesNotContain("NOTES-MARKER");
    assertThat(toolInput("loop-tool-context", "research/notes")).contains("NOTES-MARKER");
  }

  /** The input of the activity whose summary is {@code summary}, as the history holds it. */
  private String toolInput(String workflowId, String summary) {
    var converter = DefaultDataConverter.newDefaultInstance();
    return client.fetchHistory(workflowId).getEvents().stream()
        .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
        .filter(
            e ->
                summary.equals(
                    converter.fromPayload(
                        e.getUserMetadata().getSummary(), String.class, String.class)))
        .map(e -> e.getActivityTaskScheduledEventAttributes().getInput().getPayloads(0))
        .map(p -> p.getData().toStringUtf8())
        .findFirst()
        .orElseThrow();
  }
}
