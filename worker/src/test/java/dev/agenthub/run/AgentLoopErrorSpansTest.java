package dev.agenthub.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.PipelineLoader;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The {@code error.type} of an agent loop's {@code invoke_agent} span: the step's failure type when
 * the loop ends without an answer (its own outcome, or a model turn's activity failing), and none
 * when it answers. {@link AgentLoopTracingTest} covers the span's shape, the turn limit, the budget
 * and cancellation.
 */
class AgentLoopErrorSpansTest {

  private static final String QUEUE = "agent-loop-error-spans";
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  private static final AttributeKey<Long> TURNS = AttributeKey.longKey("agenthub.agent.turns");

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();

  @AutoClose
  private final ScriptedModelEnvironment scripted =
      ScriptedModelEnvironment.tracedInto(QUEUE, spans);

  /** Step {@code research}: an llm loop with {@code loop} settings over one transform tool. */
  private static PipelineDefinition pipeline(String loop) {
    return PipelineLoader.parse(
        """
        name: research
        steps:
          - id: research
            agent: llm
            with: {prompt: "Research ${{ input.topic }}", model: gpt-4o-mini}
        %s
            tools:
              - name: shape
                agent: transform
                with: {expression: "{'topic': args.topic}"}
                arguments: {type: object, properties: {topic: {type: string}}}
        """
            .formatted(loop.indent(4).stripTrailing()),
        "research.yml",
        AgentCatalog.builtIn());
  }

  /** Runs {@code pipeline} as {@code id} to its failure; returns the step's recorded error. */
  private StepError failedStep(String id, PipelineDefinition pipeline) {
    PipelineWorkflow workflow = scripted.start(id, pipeline, null);
    WorkflowFailedException failed =
        catchThrowableOfType(
            WorkflowFailedException.class,
            () ->
                WorkflowStub.fromTyped(workflow)
                    .getResult(30, TimeUnit.SECONDS, PipelineRunResult.class));
    assertThat(failed).as("the run should fail").isNotNull();
    StepProgress step = InterpreterFixture.step(workflow.progress(), "research");
    assertThat(step.status()).isEqualTo(StepStatus.FAILED);
    return step.error();
  }

  /** The one {@code invoke_agent research} span. */
  private SpanData loopSpan() {
    List<SpanData> invoke =
        spans.getFinishedSpanItems().stream()
            .filter(s -> s.getName().equals("invoke_agent research"))
            .toList();
    assertThat(invoke).hasSize(1);
    return invoke.get(0);
  }

  @Test
  void loop_endingWithAnAnswer_hasNoErrorType_andAnUnsetStatus() throws Exception {
    scripted.fake.reply(
        FakeOpenAi.toolCalls(10, new String[] {"call_1", "shape", "{\"topic\": \"x\"}"}),
        FakeOpenAi.answer(20, 3, "Done."));

    WorkflowStub.fromTyped(scripted.start("error-span-none", pipeline(""), null))
        .getResult(30, TimeUnit.SECONDS, PipelineRunResult.class);

    SpanData loop = loopSpan();
    assertThat(loop.getAttributes().get(ERROR_TYPE)).isNull();
    assertThat(loop.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(loop.getAttributes().get(TURNS)).isEqualTo(2L);
  }

  @Test
  void loop_whoseModelTurnIsRejected_isAnErrorSpanWithTheTurnsFailureType() {
    // Turn 1 asks for a tool; the provider answers turn 2 with HTTP 400, which is not retried.
    scripted
        .fake
        .reply(FakeOpenAi.toolCalls(10, new String[] {"call_1", "shape", "{\"topic\": \"x\"}"}))
        .reject(2, 400);

    StepError error = failedStep("error-span-turn", pipeline(""));

    assertThat(error.type()).isEqualTo(FailureTypes.AGENT_CLIENT_ERROR);
    SpanData loop = loopSpan();
    assertThat(loop.getAttributes().get(ERROR_TYPE)).isEqualTo(error.type());
    assertThat(loop.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(loop.getStatus().getDescription()).isEqualTo(error.type());
    assertThat(loop.getAttributes().get(TURNS)).isEqualTo(2L);
  }

  @Test
  void loop_whoseAnswerNeverMatchesItsSchema_isAnErrorSpanTypedAgentInvalidOutput() {
    scripted.fake.reply(FakeOpenAi.answer(10, 3, "not JSON"));

    StepError error =
        failedStep(
            "error-span-schema",
            pipeline("maxTurns: 2\nresponseSchema: {type: object, required: [summary]}"));

    assertThat(error.type()).isEqualTo(FailureTypes.AGENT_INVALID_OUTPUT);
    SpanData loop = loopSpan();
    assertThat(loop.getAttributes().get(ERROR_TYPE)).isEqualTo(error.type());
    assertThat(loop.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(loop.getAttributes().get(TURNS)).isEqualTo(2L);
  }
}
