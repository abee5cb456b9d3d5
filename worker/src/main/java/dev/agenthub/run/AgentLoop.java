package dev.agenthub.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.agents.AgentRequest;
import dev.agenthub.agents.AgentResult;
import dev.agenthub.agents.BuiltInAgentSpecs;
import dev.agenthub.cost.Usage;
import dev.agenthub.dsl.AgentLoopDefinition;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.StepDefinition;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs an {@code llm} step with {@code tools} as a loop in workflow code: each model turn is one
 * {@code llm} activity (summary {@code "step turn N"}) speaking OpenAI's tool-calling protocol; the
 * calls a turn asks for run in parallel through {@link ToolCallRunner}; their results go back to
 * the model. The loop ends on a final answer (checked against {@code responseSchema}), after {@code
 * maxTurns} ({@code AgentMaxTurns}), when the budget refuses the next turn ({@code
 * BudgetExceeded}), or when the transcript outgrows {@code maxTranscriptBytes}. The loop's turns
 * and tool calls are traced under its {@code invoke_agent} span ({@link AgentLoopSpan}).
 */
final class AgentLoop {

  /** The {@code Workflow.getVersion} change id of agent loops. */
  static final String CHANGE = "agent-loop";

  /** The step's own arguments a turn passes on; the rest (prompt, messages) is the transcript. */
  private static final Set<String> TURN_SETTINGS =
      Set.of("provider", "model", "temperature", "max_tokens", "latency");

  private final RunState state;
  private final AgentCatalog catalog;
  private final BudgetGuard budget;
  private final ToolCallRunner tools;
  private final AgentLoopProgress progress;
  private final RunMetrics metrics;
  private final String pipeline;
  private final String workflowId;
  private final ReportedUsage reportedUsage;
  private final Map<String, PipelineDefinition> pipelines;
  private int loopsStarted;

  /** {@code pipelines}: the run's snapshot of the pipelines its pipeline tools run. */
  AgentLoop(
      RunState state,
      AgentCatalog catalog,
      BudgetGuard budget,
      ToolCallRunner tools,
      AgentLoopProgress progress,
      RunMetrics metrics,
      String pipeline,
      String workflowId,
      ReportedUsage reportedUsage,
      Map<String, PipelineDefinition> pipelines) {
    this.reportedUsage = reportedUsage;
    this.pipelines = pipelines;
    this.state = state;
    this.catalog = catalog;
    this.budget = budget;
    this.tools = tools;
    this.progress = progress;
    this.metrics = metrics;
    this.pipeline = pipeline;
    this.workflowId = workflowId;
  }

  /**
   * Runs {@code step}'s loop for {@code element} of its {@code forEach} (null: a step without one)
   * with its rendered {@code arguments}, inside the loop's {@link AgentLoopSpan}.
   */
  StepOutcome run(StepDefinition step, ForEachElement element, JsonNode arguments) {
    // Marks histories that ran a loop; no history recorded before this change holds one.
    Workflow.getVersion(CHANGE, Workflow.DEFAULT_VERSION, 1);
    loopsStarted++;
    AgentLoopSpan span = AgentLoopSpan.begin(pipeline, step, element, arguments, loopsStarted);
    StepOutcome outcome;
    try {
      outcome = loop(step, arguments, span);
    } catch (RuntimeException e) {
      span.end(e);
      throw e;
    } finally {
      if (!Workflow.isReplaying()) {
        reportedUsage.agentLoopEnded(pipeline, step.id(), span.turns());
      }
      progress.ended(step.id());
    }
    span.end(outcome);
    return outcome;
  }

  private StepOutcome loop(StepDefinition step, JsonNode arguments, AgentLoopSpan span) {
    AgentLoopDefinition loop = step.loop();
    LoopTools loopTools = new LoopTools(loop, catalog, pipelines);
    AgentTranscript transcript = AgentTranscript.opening(arguments);
    List<ToolCall> calls = new ArrayList<>();
    ArrayNode perTurn = JsonNodeFactory.instance.arrayNode();
    Usage usage = Usage.NONE;
    List<String> lastProblems = null;
    int turn = 0;
    while (turn < loop.maxTurns()) {
      turn++;
      progress.turn(step.id(), turn, loop.maxTurns());
      if (transcript.bytes() > loop.maxTranscriptBytes()) {
        return failed(
            turn - 1,
            FailureTypes.AGENT_TRANSCRIPT_TOO_LARGE,
            "the conversation holds "
                + transcript.bytes()
                + " bytes before turn "
                + turn
                + ", more than maxTranscriptBytes "
                + loop.maxTranscriptBytes());
      }
      ObjectNode turnArguments = turnArguments(arguments, transcript, loopTools, loop);
      // Every turn carries the transcript into the history: past the guard's size, stop here.
      int current = turn;
      Usage spent = usage;
      Optional<StepError> refusal =
          (turn == 1 ? Optional.<StepError>empty() : HistorySizeGuard.refusal())
              .map(r -> new StepError(r.type(), "turn " + current + " " + r.message()))
              .or(() -> admit(step, current, turnArguments, spent));
      if (refusal.isPresent()) {
        return StepOutcome.failed(turn - 1, refusal.get());
      }
      span.turn(turn);
      AgentResult result = callModel(step, turn, turnArguments, span.id());
      usage = LoopResults.plus(usage, result.usage());
      span.spent(usage);
      JsonNode output = result.output();
      JsonNode requested = output.path("toolCalls");
      perTurn.add(LoopResults.turnSummary(turn, result.usage(), requested));
      if (requested.isArray() && !requested.isEmpty()) {
        transcript.assistant(output.path("text"), requested);
        List<Promise<ToolCall>> started = new ArrayList<>();
        progress.pending(step.id(), requested);
        for (JsonNode call : requested) {
          started.add(tools.start(step, loopTools, turn, call, span.id()));
        }
        Promise.allOf(started).get();
        progress.pending(step.id(), null);
        for (Promise<ToolCall> promise : started) {
          ToolCall call = promise.get();
          calls.add(call);
          usage = LoopResults.plus(usage, call.usage());
          span.spent(usage);
          transcript.tool(call.id(), call.content());
          metrics.toolCallSettled(step.id(), call.name(), call.status());
        }
        lastProblems = null;
        continue;
      }
      String text = output.path("text").asText("");
      JsonNode answer = null;
      if (loop.responseSchema() != null) {
        answer = LoopResults.parse(text);
        lastProblems = LoopResults.problems(loop.responseSchema(), answer);
        if (!lastProblems.isEmpty()) {
          transcript.assistant(output.path("text"), null);
          transcript.user(
              "Your answer does not match the response schema: "
                  + String.join("; ", lastProblems)
                  + ". Answer again with JSON that matches it, and nothing else.");
          continue;
        }
      }
      ObjectNode stepOutput = LoopResults.stepOutput(output, answer, turn, calls);
      stepOutput.set("perTurn", perTurn);
      return StepOutcome.succeeded(stepOutput, 1, usage);
    }
    if (lastProblems != null) {
      return failed(
          turn,
          FailureTypes.AGENT_INVALID_OUTPUT,
          "the answer did not match responseSchema after "
              + turn
              + " turn(s): "
              + String.join("; ", lastProblems));
    }
    return failed(
        turn,
        FailureTypes.AGENT_MAX_TURNS,
        "no final answer within maxTurns "
            + loop.maxTurns()
            + " ("
            + calls.size()
            + " tool call(s))");
  }

  private static StepOutcome failed(int turns, String type, String message) {
    return StepOutcome.failed(Math.max(turns, 1), new StepError(type, message));
  }

  private static ObjectNode turnArguments(
      JsonNode arguments,
      AgentTranscript transcript,
      LoopTools loopTools,
      AgentLoopDefinition loop) {
    ObjectNode turn = JsonNodeFactory.instance.objectNode();
    arguments
        .properties()
        .forEach(
            e -> {
              if (TURN_SETTINGS.contains(e.getKey())) {
                turn.set(e.getKey(), e.getValue());
              }
            });
    turn.set("messages", transcript.messages().deepCopy());
    turn.set("tools", loopTools.openAiTools());
    if (loopTools.toolChoice() != null) {
      turn.set("tool_choice", loopTools.toolChoice());
    }
    if (loop.parallelToolCalls() != null) {
      turn.put("parallel_tool_calls", loop.parallelToolCalls());
    }
    if (loopTools.responseFormat() != null) {
      turn.set("response_format", loopTools.responseFormat());
    }
    return turn;
  }

  /**
   * Admits turn {@code turn} against the run's budget: the scheduler admitted the step (its first
   * turn) before it started; every later turn is admitted again with its own worst case, what the
   * run spent and what this loop spent so far.
   */
  private Optional<StepError> admit(
      StepDefinition step, int turn, ObjectNode turnArguments, Usage spentByLoop) {
    if (budget == null || turn == 1) {
      return Optional.empty();
    }
    budget.release(step.id());
    double worstCase = budget.worstCaseUsd(BuiltInAgentSpecs.LLM.name(), turnArguments);
    return budget
        .admit(step.id(), worstCase, state.usage().costUsd() + spentByLoop.costUsd())
        .map(
            refusal ->
                new StepError(
                    refusal.type(),
                    refusal
                        .message()
                        .replaceFirst("^not started", "turn " + turn + " not started")));
  }

  private AgentResult callModel(
      StepDefinition step, int turn, ObjectNode turnArguments, String agentSpanId) {
    ActivityOptions options =
        ActivityOptions.newBuilder(StepActivityOptions.forStep(step))
            .setSummary(step.id() + " turn " + turn)
            .build();
    AgentRequest request =
        new AgentRequest(
            pipeline,
            step.id(),
            turnArguments,
            workflowId + "/" + step.id() + "/turn-" + turn,
            null,
            null,
            agentSpanId);
    return Workflow.newUntypedActivityStub(options)
        .execute(BuiltInAgentSpecs.LLM.name(), AgentResult.class, request);
  }
}
