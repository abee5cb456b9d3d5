package dev.agenthub.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.PipelineLoader;
import dev.agenthub.testing.Poll;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Agent loops on Temporal's test server with the real agents: the llm agent against a local
 * OpenAI-protocol server scripting the model's turns, the http and transform agents as tools.
 */
class AgentLoopWorkflowTest {

  private static final String QUEUE = "agent-loops";
  @AutoClose private final ScriptedModelEnvironment scripted = ScriptedModelEnvironment.open(QUEUE);
  private final FakeOpenAi fake = scripted.fake;
  private final WorkflowClient client = scripted.client;

  private PipelineDefinition pipeline(String extra, String tools) {
    return PipelineLoader.parse(
        """
        name: research
        steps:
          - id: research
            agent: llm
            with: {prompt: "Research ${{ input.topic }}", model: gpt-4o-mini, max_tokens: 1000}
        %s
            tools:
        %s
        """
            .formatted(extra.indent(4).stripTrailing(), tools.indent(6).stripTrailing()),
        "research.yml",
        AgentCatalog.builtIn());
  }

  private String searchTool(String path, String approval) {
    return """
        - name: search_web
          description: Searches the web
          agent: http
          with: {url: "%s?q=${{ args.query }}"}
          arguments: {type: object, properties: {query: {type: string}}, required: [query]}
          retry: {maxAttempts: 1}
          requireApproval: %s
        - name: shape
          agent: transform
          with: {expression: "{'topic': args.topic, 'run': run.pipeline}"}
          arguments: {type: object, properties: {topic: {type: string}}}
        """
        .formatted(scripted.url(path), approval);
  }

  private static PipelineRunResult result(PipelineWorkflow workflow) throws Exception {
    return WorkflowStub.fromTyped(workflow)
        .getResult(30, TimeUnit.SECONDS, PipelineRunResult.class);
  }

  private static ApplicationFailure failure(PipelineWorkflow workflow) {
    WorkflowFailedException failed =
        catchThrowableOfType(WorkflowFailedException.class, () -> result(workflow));
    assertThat(failed).as("the run should fail").isNotNull();
    return (ApplicationFailure) failed.getCause();
  }

  @Test
  void loop_parallelToolCalls_thenInvalidThenValidAnswer_succeedsWithCallsAndSummedUsage()
      throws Exception {
    fake.reply(
        FakeOpenAi.toolCalls(
            100,
            new String[] {"call_a", "search_web", "{\"query\": \"durable\"}"},
            new String[] {"call_b", "shape", "{\"topic\": \"agents\"}"}),
        FakeOpenAi.answer(200, 5, "not json"),
        FakeOpenAi.answer(300, 9, "{\"summary\": \"Agents are durable\"}"));
    PipelineDefinition pipeline =
        pipeline(
            "parallelToolCalls: true\nresponseSchema: {type: object, required: [summary]}",
            searchTool("/search", "false"));

    PipelineRunResult result = result(scripted.start("loop-ok", pipeline, null));

    StepProgress step = InterpreterFixture.step(result, "research");
    JsonNode output = step.output();
    assertThat(output.path("output").path("summary").asText()).isEqualTo("Agents are durable");
    assertThat(output.path("turns").asInt()).isEqualTo(3);
    assertThat(output.path("toolCalls"))
        .extracting(c -> c.path("name").asText() + ":" + c.path("status").asText())
        .containsExactly("search_web:succeeded", "shape:succeeded");
    assertThat(step.usage().inputTokens()).isEqualTo(600);
    assertThat(step.usage().outputTokens()).isEqualTo(7 + 5 + 9);
    assertThat(fake.searches).containsExactly("durable");
    List<JsonNode> requests = List.copyOf(fake.chatRequests);
    assertThat(requests).hasSize(3);
    assertThat(requests.get(0).path("tools")).hasSize(2);
    assertThat(requests.get(0).path("parallel_tool_calls").asBoolean()).isTrue();
    assertThat(requests.get(0).path("response_format").path("type").asText())
        .isEqualTo("json_schema");
    JsonNode secondTurn = requests.get(1).path("messages");
    assertThat(roles(secondTurn)).containsExactly("user", "assistant", "tool", "tool");
    assertThat(secondTurn.get(2).path("tool_call_id").asText()).isEqualTo("call_a");
    assertThat(secondTurn.get(2).path("content").asText())
        .contains("Temporal makes agents durable");
    assertThat(secondTurn.get(3).path("content").asText())
        .contains("\"topic\":\"agents\"", "\"run\":\"research\"");
    assertThat(roles(requests.get(2).path("messages")))
        .containsExactly("user", "assistant", "tool", "tool", "assistant", "user");
    assertThat(activitySummaries("loop-ok"))
        .containsExactly(
            "research turn 1",
            "research/search_web",
            "research/shape",
            "research turn 2",
            "research turn 3");
    assertThat(client.fetchHistory("loop-ok").toJson(false)).contains("agent-loop");
  }

  @Test
  void loop_toolFails_theModelReadsTheErrorAndAnswers() throws Exception {
    fake.reply(
        FakeOpenAi.toolCalls(10, new String[] {"call_1", "search_web", "{\"query\": \"x\"}"}),
        FakeOpenAi.answer(20, 3, "The search is down."));

    PipelineRunResult result =
        result(
            scripted.start("loop-tool-fails", pipeline("", searchTool("/broken", "false")), null));

    JsonNode output = InterpreterFixture.step(result, "research").output();
    assertThat(output.path("text").asText()).isEqualTo("The search is down.");
    assertThat(output.path("toolCalls").get(0).path("status").asText()).isEqualTo("failed");
    JsonNode toolMessage = List.copyOf(fake.chatRequests).get(1).path("messages").get(2);
    assertThat(toolMessage.path("content").asText())
        .contains("\"type\":\"failed\"", "\"AgentRemoteError: GET ", "500");
  }

  @Test
  void loop_invalidArgumentsAndUnknownTool_goBackToTheModel() throws Exception {
    fake.reply(
        FakeOpenAi.toolCalls(
            10,
            new String[] {"call_1", "search_web", "{\"query\": 42}"},
            new String[] {"call_2", "delete_all", "{}"}),
        FakeOpenAi.answer(20, 3, "Done."));

    PipelineRunResult result =
        result(
            scripted.start("loop-bad-calls", pipeline("", searchTool("/search", "false")), null));

    assertThat(InterpreterFixture.step(result, "research").output().path("toolCalls"))
        .extracting(c -> c.path("status").asText())
        .containsExactly("invalid_arguments", "unknown_tool");
    assertThat(fake.searches).isEmpty();
    JsonNode messages = List.copyOf(fake.chatRequests).get(1).path("messages");
    assertThat(messages.get(2).path("content").asText()).contains("\"/query: ");
    assertThat(messages.get(3).path("content").asText())
        .contains("no tool named \\\"delete_all\\\"; the tools are search_web, shape");
  }

  @Test
  void loop_modelNeverAnswers_failsAgentMaxTurns() {
    fake.reply(FakeOpenAi.toolCalls(10, new String[] {"call_1", "shape", "{}"}));

    ApplicationFailure failure =
        failure(
            scripted.start(
                "loop-max-turns", pipeline("maxTurns: 3", searchTool("/search", "false")), null));

    assertThat(failure.getOriginalMessage())
        .contains("AgentMaxTurns", "no final answer within maxTurns 3");
    assertThat(fake.chatRequests).hasSize(3);
  }

  @Test
  void loop_answerNeverMatchesTheSchema_failsAgentInvalidOutput() {
    fake.reply(FakeOpenAi.answer(10, 3, "{\"other\": 1}"));

    ApplicationFailure failure =
        failure(
            scripted.start(
                "loop-invalid-output",
                pipeline(
                    "maxTurns: 2\nresponseSchema: {type: object, required: [summary]}",
                    searchTool("/search", "false")),
                null));

    assertThat(failure.getOriginalMessage()).contains("AgentInvalidOutput", "summary");
    assertThat(fake.chatRequests).hasSize(2);
  }

  @Test
  void loop_budgetRefusesTheNextTurn_failsBudgetExceeded() {
    // Each turn reports 2,000 + 7 tokens ($0.0003); after two turns, turn 3's worst case (1,000
    // output tokens, $0.0006 and more) no longer fits the $0.001 budget.
    fake.reply(FakeOpenAi.toolCalls(2000, new String[] {"call_1", "shape", "{}"}));

    PipelineWorkflow workflow =
        scripted.start("loop-budget", pipeline("", searchTool("/search", "false")), 0.001);
    ApplicationFailure failure = failure(workflow);

    assertThat(failure.getType()).isEqualTo(FailureTypes.BUDGET_EXCEEDED);
    assertThat(failure.getOriginalMessage()).contains("turn 3 not started");
    assertThat(fake.chatRequests).hasSize(2);
    assertThat(InterpreterFixture.step(workflow.progress(), "research").attempts())
        .as("the turns the loop took")
        .isEqualTo(2);
  }

  @Test
  void loop_toolRequiringApproval_waitsForTheDecision_andARejectionGoesBackToTheModel()
      throws Exception {
    fake.reply(
        FakeOpenAi.toolCalls(10, new String[] {"call_9", "search_web", "{\"query\": \"x\"}"}),
        FakeOpenAi.answer(20, 3, "I was not allowed to search."));
    PipelineWorkflow workflow =
        scripted.start("loop-approval", pipeline("", searchTool("/search", "true")), null);

    Poll.untilTrue(
        "the call to wait for approval",
        Duration.ofSeconds(20),
        () -> {
          RunProgress progress = workflow.progress();
          AgentLoopStatus loop = progress == null ? null : progress.agentLoops().get("research");
          return loop != null && loop.waitingApprovals().contains("call_9");
        });
    assertThat(workflow.progress().agentLoops().get("research").pendingToolCalls())
        .containsExactly(new AgentLoopStatus.PendingCall("call_9", "search_web"));
    workflow.decideApproval(
        new ApprovalDecision("research", false, "not today", "alice", "call_9"));

    PipelineRunResult result = result(workflow);
    assertThat(
            InterpreterFixture.step(result, "research")
                .output()
                .path("toolCalls")
                .get(0)
                .path("status")
                .asText())
        .isEqualTo("rejected");
    assertThat(fake.searches).isEmpty();
    assertThat(
            List.copyOf(fake.chatRequests).get(1).path("messages").get(2).path("content").asText())
        .contains("rejected", "alice", "not today");
  }

  /** The summaries of the activities the run scheduled, in order (the Temporal UI's labels). */
  private List<String> activitySummaries(String id) {
    DataConverter converter = DefaultDataConverter.newDefaultInstance();
    return client.fetchHistory(id).getEvents().stream()
        .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
        .map(
            e ->
                converter.fromPayload(e.getUserMetadata().getSummary(), String.class, String.class))
        .toList();
  }

  private static List<String> roles(JsonNode messages) {
    return StreamSupport.stream(messages.spliterator(), false)
        .map(m -> m.path("role").asText())
        .toList();
  }
}
