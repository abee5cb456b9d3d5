package dev.agenthub.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.PipelineLoader;
import dev.agenthub.testing.Poll;
import io.grpc.StatusRuntimeException;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Pipeline tools of agent loops on Temporal's test server: each call runs the named pipeline as a
 * child workflow whose output, or failure, goes back to the scripted model.
 */
class PipelineToolWorkflowTest {

  private static final String QUEUE = "pipeline-tools";
  @AutoClose private final ScriptedModelEnvironment scripted = ScriptedModelEnvironment.open(QUEUE);
  private final FakeOpenAi fake = scripted.fake;
  private final WorkflowClient client = scripted.client;

  private static PipelineDefinition parse(String yaml) {
    return PipelineLoader.parse(yaml, "p.yml", AgentCatalog.builtIn());
  }

  private static final String RESEARCH =
      """
      name: research
      steps:
        - id: research
          agent: llm
          with: {prompt: "Research ${{ input.topic }}", model: gpt-4o-mini, max_tokens: 1000}
          tools:
            - {name: summarise, pipeline: summarise}
            - {name: fetch, pipeline: broken-fetch, description: Fetches a page}
            - {name: review, pipeline: review}
      """;

  /** A pipeline that waits for an operator until the test ends it. */
  private static final String REVIEW =
      """
      name: review
      steps:
        - id: wait
          type: approval
      """;

  private static final String SUMMARISE =
      """
      name: summarise
      description: Summarises a text
      input:
        type: object
        properties: {text: {type: string}}
        required: [text]
      steps:
        - id: sum
          agent: llm
          with: {prompt: "Summarise ${{ input.text }}", model: gpt-4o-mini, max_tokens: 100}
      output: {summary: "${{ steps.sum.output.text }}"}
      """;

  private PipelineRunResult run(String id) throws Exception {
    return WorkflowStub.fromTyped(start(id))
        .getResult(30, TimeUnit.SECONDS, PipelineRunResult.class);
  }

  private PipelineWorkflow start(String id) {
    String brokenFetch =
        """
        name: broken-fetch
        steps:
          - id: get
            agent: http
            with: {url: "%s"}
            retry: {maxAttempts: 1}
        """
            .formatted(scripted.url("/broken"));
    PipelineRunInput input =
        new PipelineRunInput(
                parse(RESEARCH),
                TestPipelines.json("{\"topic\": \"agents\"}"),
                Map.of(),
                null,
                null,
                ScriptedModelEnvironment.PRICES)
            .withPipelines(
                Map.of(
                    "summarise",
                    parse(SUMMARISE),
                    "broken-fetch",
                    parse(brokenFetch),
                    "review",
                    parse(REVIEW)));
    return scripted.start(id, input);
  }

  @Test
  void pipelineTool_runsTheChild_andItsOutputGoesBackToTheModel_withItsUsage() throws Exception {
    fake.reply(
        FakeOpenAi.toolCalls(100, new String[] {"call_s", "summarise", "{\"text\": \"cel\"}"}),
        FakeOpenAi.answer(50, 4, "short"),
        FakeOpenAi.answer(200, 5, "Done."));

    PipelineRunResult result = run("pipe-tool");

    StepProgress step = InterpreterFixture.step(result, "research");
    assertThat(step.output().path("text").asText()).isEqualTo("Done.");
    assertThat(step.output().path("toolCalls"))
        .extracting(c -> c.path("name").asText() + ":" + c.path("status").asText())
        .containsExactly("summarise:succeeded");
    assertThat(step.usage().inputTokens()).isEqualTo(100 + 50 + 200);
    List<JsonNode> requests = List.copyOf(fake.chatRequests);
    assertThat(requests).hasSize(3);
    JsonNode offered = requests.get(0).path("tools").get(0).path("function");
    assertThat(offered.path("description").asText()).isEqualTo("Summarises a text");
    assertThat(offered.path("parameters").path("required").get(0).asText()).isEqualTo("text");
    assertThat(requests.get(1).path("messages").get(0).path("content").asText())
        .isEqualTo("Summarise cel");
    JsonNode toolMessage = requests.get(2).path("messages").get(2);
    assertThat(toolMessage.path("tool_call_id").asText()).isEqualTo("call_s");
    assertThat(TestPipelines.json(toolMessage.path("content").asText()))
        .isEqualTo(TestPipelines.json("{\"summary\": \"short\"}"));
    assertThat(client.fetchHistory("pipe-tool/research/call_s").getEvents())
        .anyMatch(
            e ->
                e.hasWorkflowExecutionStartedEventAttributes()
                    && e.getWorkflowExecutionStartedEventAttributes()
                        .getParentWorkflowExecution()
                        .getWorkflowId()
                        .equals("pipe-tool"));
  }

  @Test
  void pipelineTool_failingChild_isTheToolsErrorResult_andTheModelAnswers() throws Exception {
    fake.reply(
        FakeOpenAi.toolCalls(10, new String[] {"call_f", "fetch", "{}"}),
        FakeOpenAi.answer(20, 3, "The page is down."));

    PipelineRunResult result = run("pipe-tool-fails");

    JsonNode output = InterpreterFixture.step(result, "research").output();
    assertThat(output.path("text").asText()).isEqualTo("The page is down.");
    assertThat(output.path("toolCalls").get(0).path("status").asText()).isEqualTo("failed");
    JsonNode offered = List.copyOf(fake.chatRequests).get(0).path("tools").get(1);
    assertThat(offered.path("function").path("description").asText()).isEqualTo("Fetches a page");
    String toolMessage =
        List.copyOf(fake.chatRequests).get(1).path("messages").get(2).path("content").asText();
    assertThat(toolMessage)
        .contains("error", "pipeline \\\"broken-fetch\\\"", "pipe-tool-fails/research/call_f");
  }

  @Test
  void pipelineTool_argumentsNotMatchingTheChildsInput_startNoChild() throws Exception {
    fake.reply(
        FakeOpenAi.toolCalls(10, new String[] {"call_x", "summarise", "{\"other\": 1}"}),
        FakeOpenAi.answer(20, 3, "Sorry."));

    PipelineRunResult result = run("pipe-tool-invalid");

    assertThat(InterpreterFixture.step(result, "research").output().path("toolCalls"))
        .extracting(c -> c.path("status").asText())
        .containsExactly("invalid_arguments");
    assertThat(client.fetchHistory("pipe-tool-invalid").getEvents())
        .noneMatch(HistoryEvent::hasStartChildWorkflowExecutionInitiatedEventAttributes);
  }

  @Test
  void pipelineTool_childCancelledByItself_isTheToolsErrorResult_andTheRunGoesOn()
      throws Exception {
    fake.reply(
        FakeOpenAi.toolCalls(10, new String[] {"call_r", "review", "{}"}),
        FakeOpenAi.answer(20, 3, "Nobody reviewed it."));
    PipelineWorkflow workflow = start("pipe-tool-child-cancelled");
    String child = "pipe-tool-child-cancelled/research/call_r";
    Poll.untilTrue(
        "the child to wait for its approval",
        Duration.ofSeconds(20),
        () -> {
          try {
            return client.fetchHistory(child).getEvents().stream()
                .anyMatch(HistoryEvent::hasWorkflowTaskCompletedEventAttributes);
          } catch (StatusRuntimeException notStartedYet) {
            return false;
          }
        });

    client.newUntypedWorkflowStub(child).cancel();

    PipelineRunResult result =
        WorkflowStub.fromTyped(workflow).getResult(30, TimeUnit.SECONDS, PipelineRunResult.class);
    StepProgress step = InterpreterFixture.step(result, "research");
    assertThat(step.status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(step.output().path("text").asText()).isEqualTo("Nobody reviewed it.");
    assertThat(step.output().path("toolCalls").get(0).path("status").asText()).isEqualTo("failed");
    assertThat(
            List.copyOf(fake.chatRequests).get(1).path("messages").get(2).path("content").asText())
        .contains(FailureTypes.CANCELLED);
  }
}
