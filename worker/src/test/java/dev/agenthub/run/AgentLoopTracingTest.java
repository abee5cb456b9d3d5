package dev.agenthub.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.offset;

import dev.agenthub.agents.AgentActivities;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.PipelineLoader;
import dev.agenthub.telemetry.PresetSpanIds;
import dev.agenthub.testing.Poll;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The spans of agent loops, on Temporal's test server with the real agents and Temporal's tracing
 * interceptors over an SDK with {@link PresetSpanIds}: one {@code invoke_agent {step}} span per
 * loop, parent of its {@code chat} and {@code execute_tool} spans.
 */
class AgentLoopTracingTest {

  private static final String QUEUE = "agent-loop-spans";
  private static final AttributeKey<String> OPERATION =
      AttributeKey.stringKey("gen_ai.operation.name");

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();

  @AutoClose
  private final ScriptedModelEnvironment scripted =
      ScriptedModelEnvironment.tracedInto(QUEUE, spans);

  private PipelineDefinition pipeline(String extra) {
    return pipeline(extra, false);
  }

  private PipelineDefinition pipeline(String extra, boolean searchNeedsApproval) {
    return PipelineLoader.parse(
        """
        name: research
        steps:
          - id: research
            agent: llm
            with: {prompt: "Research ${{ input.topic }}", model: gpt-4o-mini, max_tokens: 1000}
        %s
            tools:
              - name: search_web
                agent: http
                with: {url: "%s?q=${{ args.query }}"}
                arguments: {type: object, properties: {query: {type: string}}}
                requireApproval: %s
              - name: shape
                agent: transform
                with: {expression: "{'topic': args.topic}"}
                arguments: {type: object, properties: {topic: {type: string}}}
        """
            .formatted(
                extra.indent(4).stripTrailing(), scripted.url("/search"), searchNeedsApproval),
        "research.yml",
        AgentCatalog.builtIn());
  }

  private WorkflowStub start(String id, PipelineDefinition pipeline) {
    return start(id, pipeline, null);
  }

  private WorkflowStub start(String id, PipelineDefinition pipeline, Double budget) {
    return WorkflowStub.fromTyped(scripted.start(id, pipeline, budget));
  }

  @Test
  void loop_withToolCalls_isOneInvokeAgentSpanOverItsTurnsAndToolCalls() throws Exception {
    scripted.fake.reply(
        FakeOpenAi.toolCalls(
            100,
            new String[] {"call_a", "search_web", "{\"query\": \"durable\"}"},
            new String[] {"call_b", "shape", "{\"topic\": \"agents\"}"}),
        FakeOpenAi.answer(300, 9, "Agents are durable."));

    start("spans-ok", pipeline("")).getResult(30, TimeUnit.SECONDS, PipelineRunResult.class);

    List<SpanData> finished = spans.getFinishedSpanItems();
    List<SpanData> invoke = named(finished, "invoke_agent research");
    assertThat(invoke).hasSize(1);
    SpanData loop = invoke.get(0);
    assertThat(loop.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(loop.getAttributes().get(OPERATION)).isEqualTo("invoke_agent");
    assertThat(loop.getAttributes().get(AttributeKey.stringKey("gen_ai.agent.name")))
        .isEqualTo("research");
    assertThat(loop.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model")))
        .isEqualTo("gpt-4o-mini");
    assertThat(loop.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens")))
        .isEqualTo(400L);
    assertThat(loop.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens")))
        .isEqualTo(7L + 9L);
    assertThat(loop.getAttributes().get(AttributeKey.longKey("agenthub.agent.turns")))
        .isEqualTo(2L);
    List<SpanData> chats = named(finished, "chat gpt-4o-mini");
    List<SpanData> tools = operation(finished, "execute_tool");
    assertThat(chats).hasSize(2);
    assertThat(tools)
        .extracting(SpanData::getName)
        .containsExactlyInAnyOrder("execute_tool search_web", "execute_tool shape");
    double costOfTurns =
        chats.stream().mapToDouble(c -> c.getAttributes().get(AgentActivities.COST_USD)).sum();
    assertThat(costOfTurns).isPositive();
    assertThat(loop.getAttributes().get(AgentActivities.COST_USD))
        .isCloseTo(costOfTurns, offset(1e-12));
    assertChildrenOf(loop, chats, tools);
  }

  @Test
  void loop_span_namesTheRequestedModel_elseTheModelThatAnswered() throws Exception {
    scripted.fake.reply(FakeOpenAi.answer(10, 3, "Done."));
    String yaml =
        """
        name: research
        steps:
          - id: research
            agent: llm
            with: %s
            tools:
              - {name: shape, agent: transform, with: {expression: "args"}, arguments: {type: object}}
        """;
    for (String with : List.of("{prompt: Research, model: gpt-4o}", "{prompt: Research}")) {
      start(
              "spans-model-" + with.length(),
              PipelineLoader.parse(yaml.formatted(with), "research.yml", AgentCatalog.builtIn()))
          .getResult(30, TimeUnit.SECONDS, PipelineRunResult.class);
    }

    assertThat(named(spans.getFinishedSpanItems(), "invoke_agent research"))
        .extracting(s -> s.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model")))
        .containsExactlyInAnyOrder("gpt-4o", "gpt-4o-mini");
  }

  @Test
  void loop_endingInAgentMaxTurns_isAnErrorSpanOverAllItsTurns() {
    scripted.fake.reply(FakeOpenAi.toolCalls(10, new String[] {"call_1", "shape", "{}"}));

    WorkflowStub run = start("spans-max-turns", pipeline("maxTurns: 2"));
    assertThat(
            catchThrowableOfType(
                WorkflowFailedException.class,
                () -> run.getResult(30, TimeUnit.SECONDS, PipelineRunResult.class)))
        .isNotNull();

    List<SpanData> finished = spans.getFinishedSpanItems();
    List<SpanData> invoke = named(finished, "invoke_agent research");
    assertThat(invoke).hasSize(1);
    SpanData loop = invoke.get(0);
    assertThat(loop.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(loop.getAttributes().get(AttributeKey.stringKey("error.type")))
        .isEqualTo(FailureTypes.AGENT_MAX_TURNS);
    assertThat(loop.getAttributes().get(AttributeKey.longKey("agenthub.agent.turns")))
        .isEqualTo(2L);
    assertChildrenOf(
        loop, named(finished, "chat gpt-4o-mini"), operation(finished, "execute_tool"));
    assertThat(named(finished, "chat gpt-4o-mini")).hasSize(2);
  }

  @Test
  void loop_stoppedByTheBudget_isAnErrorSpanCountingTheTurnsTaken() {
    // Two turns of 2,000 + 7 tokens; turn 3's worst case no longer fits the $0.001 budget.
    scripted.fake.reply(FakeOpenAi.toolCalls(2000, new String[] {"call_1", "shape", "{}"}));

    WorkflowStub run = start("spans-budget", pipeline(""), 0.001);
    assertThat(
            catchThrowableOfType(
                WorkflowFailedException.class,
                () -> run.getResult(30, TimeUnit.SECONDS, PipelineRunResult.class)))
        .isNotNull();

    SpanData loop = named(spans.getFinishedSpanItems(), "invoke_agent research").get(0);
    assertThat(loop.getAttributes().get(AttributeKey.stringKey("error.type")))
        .isEqualTo(FailureTypes.BUDGET_EXCEEDED);
    assertThat(loop.getAttributes().get(AttributeKey.longKey("agenthub.agent.turns")))
        .isEqualTo(2L);
    assertThat(loop.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens")))
        .isEqualTo(4000L);
  }

  @Test
  void loop_ofACancelledRun_stillGetsItsSpan_markedCancelled() {
    scripted.fake.reply(
        FakeOpenAi.toolCalls(10, new String[] {"call_1", "search_web", "{\"query\": \"x\"}"}));
    WorkflowStub run = start("spans-cancelled", pipeline("", true));
    PipelineWorkflow workflow =
        scripted.client.newWorkflowStub(PipelineWorkflow.class, "spans-cancelled");
    Poll.untilTrue(
        "the call to wait for approval",
        Duration.ofSeconds(20),
        () -> {
          RunProgress progress = workflow.progress();
          AgentLoopStatus loop = progress == null ? null : progress.agentLoops().get("research");
          return loop != null && loop.waitingApprovals().contains("call_1");
        });

    run.cancel();

    Poll.untilTrue(
        "the loop's span",
        Duration.ofSeconds(20),
        () -> !named(spans.getFinishedSpanItems(), "invoke_agent research").isEmpty());
    SpanData loop = named(spans.getFinishedSpanItems(), "invoke_agent research").get(0);
    assertThat(loop.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(loop.getAttributes().get(AttributeKey.stringKey("error.type")))
        .isEqualTo(FailureTypes.CANCELLED);
    assertChildrenOf(loop, named(spans.getFinishedSpanItems(), "chat gpt-4o-mini"), List.of());
  }

  private static final long CLOCK_TOLERANCE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  /** Every turn and tool call is a child of {@code loop}, which spans them all in time. */
  private static void assertChildrenOf(SpanData loop, List<SpanData> chats, List<SpanData> tools) {
    List<SpanData> children = new ArrayList<>(chats);
    children.addAll(tools);
    assertThat(children).isNotEmpty();
    for (SpanData child : children) {
      assertThat(child.getParentSpanId()).as(child.getName()).isEqualTo(loop.getSpanId());
      assertThat(child.getTraceId()).as(child.getName()).isEqualTo(loop.getTraceId());
    }
    long firstStart = children.stream().mapToLong(SpanData::getStartEpochNanos).min().orElseThrow();
    long lastEnd = children.stream().mapToLong(SpanData::getEndEpochNanos).max().orElseThrow();
    // The loop's times are workflow time: whole milliseconds of the server's clock, read when a
    // workflow task starts, which on the in-memory server can be within a millisecond of the
    // activity's end. Compare at that precision, with a few milliseconds for the two clocks.
    assertThat(loop.getStartEpochNanos()).isLessThanOrEqualTo(firstStart + CLOCK_TOLERANCE_NANOS);
    assertThat(loop.getEndEpochNanos()).isGreaterThanOrEqualTo(lastEnd - CLOCK_TOLERANCE_NANOS);
  }

  private static List<SpanData> named(List<SpanData> spans, String name) {
    return spans.stream().filter(s -> s.getName().equals(name)).toList();
  }

  private static List<SpanData> operation(List<SpanData> spans, String operation) {
    return spans.stream().filter(s -> operation.equals(s.getAttributes().get(OPERATION))).toList();
  }
}
