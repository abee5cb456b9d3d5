package dev.agenthub.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.agents.AgentDeclaration;
import dev.agenthub.agents.AgentRequest;
import dev.agenthub.agents.AgentResult;
import dev.agenthub.agents.AgentSpec;
import dev.agenthub.dsl.InputValidator;
import dev.agenthub.dsl.StepDefinition;
import dev.agenthub.dsl.StepType;
import dev.agenthub.dsl.ToolDefinition;
import dev.agenthub.dsl.ValidationError;
import dev.agenthub.dsl.expr.ExpressionException;
import dev.agenthub.dsl.expr.StepReferences;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs the tool calls of an agent loop: checks each call's arguments against its tool's schema,
 * waits for an operator's decision when the tool requires approval, then runs the tool's agent as
 * its own activity (the tool's retry and timeout, summary {@code step/tool}) or the tool's pipeline
 * as a child workflow ({@code <run id>/<step>/<call id>}, through {@link ChildPipelines}). A call
 * that fails, is rejected or has invalid arguments settles with an error the model reads; it does
 * not fail the step.
 */
final class ToolCallRunner {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RunState state;
  private final AgentCatalog catalog;
  private final ToolApprovals approvals;
  private final String pipeline;
  private final String workflowId;
  private final ReportedUsage reportedUsage;
  private final ChildPipelines children;

  ToolCallRunner(
      RunState state,
      AgentCatalog catalog,
      ToolApprovals approvals,
      String pipeline,
      String workflowId,
      ReportedUsage reportedUsage,
      ChildPipelines children) {
    this.children = children;
    this.state = state;
    this.catalog = catalog;
    this.approvals = approvals;
    this.pipeline = pipeline;
    this.workflowId = workflowId;
    this.reportedUsage = reportedUsage;
  }

  /**
   * Starts call {@code call} ({@code {id, name, arguments}}) of {@code step}'s turn {@code turn};
   * its agent's span is a child of {@code agentSpanId} (the loop's span; null: none).
   */
  Promise<ToolCall> start(
      StepDefinition step, LoopTools tools, int turn, JsonNode call, String agentSpanId) {
    String id = call.path("id").asText();
    String name = call.path("name").asText();
    String text = call.path("arguments").asText("");
    ToolDefinition tool = step.loop().tool(name);
    JsonNode arguments;
    try {
      arguments = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
    } catch (IOException e) {
      return Workflow.newPromise(
          ToolCall.refused(
              id,
              name,
              JsonNodeFactory.instance.textNode(text),
              turn,
              ToolCall.INVALID_ARGUMENTS,
              "the arguments are not JSON"));
    }
    if (tool == null) {
      return Workflow.newPromise(
          ToolCall.refused(
              id,
              name,
              arguments,
              turn,
              ToolCall.UNKNOWN_TOOL,
              "no tool named \"" + name + "\"; the tools are " + toolNames(step)));
    }
    List<ValidationError> problems =
        InputValidator.forSchema(tools.schema(tool)).validate(arguments);
    if (!problems.isEmpty()) {
      return Workflow.newPromise(
          ToolCall.refused(
              id,
              name,
              arguments,
              turn,
              ToolCall.INVALID_ARGUMENTS,
              problems.stream()
                  .map(p -> (p.path().isEmpty() ? "" : p.path() + ": ") + p.message())
                  .collect(Collectors.joining("; "))));
    }
    if (!tool.requireApproval()) {
      return runTool(step, tool, id, arguments, turn, agentSpanId);
    }
    return Async.function(
        () -> {
          ApprovalDecision decision = approvals.await(step.id(), id, name);
          if (!decision.approved()) {
            String by = decision.decidedBy() == null ? "" : " by " + decision.decidedBy();
            String comment = decision.comment() == null ? "" : ": " + decision.comment();
            return ToolCall.refused(
                id,
                name,
                arguments,
                turn,
                ToolCall.REJECTED,
                "an operator rejected the call" + by + comment);
          }
          return runTool(step, tool, id, arguments, turn, agentSpanId).get();
        });
  }

  private Promise<ToolCall> runTool(
      StepDefinition step,
      ToolDefinition tool,
      String id,
      JsonNode arguments,
      int turn,
      String agentSpanId) {
    JsonNode rendered;
    try {
      rendered = tool.with() == null ? arguments : state.render(tool.with(), "args", arguments);
    } catch (ExpressionException e) {
      return Workflow.newPromise(
          ToolCall.refused(
              id,
              tool.name(),
              arguments,
              turn,
              ToolCall.FAILED,
              StepErrors.ofExpression(e).message()));
    }
    return tool.pipeline() != null
        ? Async.function(() -> runPipeline(step, tool, id, arguments, turn, rendered))
        : runAgent(step, tool, id, arguments, turn, rendered, agentSpanId);
  }

  /** Runs the tool's pipeline as a child; its output (or its failure) goes back to the model. */
  private ToolCall runPipeline(
      StepDefinition step,
      ToolDefinition tool,
      String id,
      JsonNode arguments,
      int turn,
      JsonNode input) {
    StepOutcome outcome = children.run(tool.pipeline(), step.id() + "/" + id, input);
    if (outcome.kind() == StepOutcome.Kind.SUCCEEDED) {
      JsonNode output =
          outcome.output() == null ? JsonNodeFactory.instance.nullNode() : outcome.output();
      return new ToolCall(
          id, tool.name(), arguments, turn, ToolCall.SUCCEEDED, output, outcome.usage());
    }
    if (outcome.kind() == StepOutcome.Kind.CANCELLED
        && CancellationScope.current().isCancelRequested()) {
      throw new CanceledFailure(outcome.error().message());
    }
    return ToolCall.refused(
        id,
        tool.name(),
        arguments,
        turn,
        ToolCall.FAILED,
        outcome.error().type() + ": " + outcome.error().message());
  }

  private Promise<ToolCall> runAgent(
      StepDefinition step,
      ToolDefinition tool,
      String id,
      JsonNode arguments,
      int turn,
      JsonNode agentArguments,
      String agentSpanId) {
    boolean readsContext = catalog.find(tool.agent()).map(AgentSpec::readsRunContext).orElse(false);
    ObjectNode context = null;
    if (readsContext) {
      // As for a step: only the steps the expression names travel in the activity's input.
      JsonNode expression = agentArguments.path("expression");
      context =
          state.variablesObject(
              expression.isTextual()
                  ? StepReferences.exactlyIn(expression.textValue())
                  : Optional.empty(),
              null);
      context.set("args", arguments);
    }
    AgentRequest request =
        new AgentRequest(
            pipeline,
            step.id(),
            agentArguments,
            workflowId + "/" + step.id() + "/" + id,
            context,
            new AgentRequest.ToolCall(tool.name(), id),
            agentSpanId);
    AgentDeclaration declared = catalog.declaration(tool.agent()).orElse(null);
    StepDefinition asStep =
        new StepDefinition(
            step.id(),
            StepType.AGENT,
            tool.agent(),
            null,
            null,
            null,
            tool.retry(),
            tool.timeout(),
            null);
    ActivityOptions options =
        ActivityOptions.newBuilder(StepActivityOptions.forStep(asStep, declared))
            .setSummary(step.id() + "/" + tool.name())
            .build();
    return Workflow.newUntypedActivityStub(options)
        .executeAsync(tool.agent(), AgentResult.class, request)
        .handle(
            (result, failure) -> {
              if (failure != null) {
                // Only the agent's own failure goes back to the model; a cancelled run stops here.
                if (!(failure instanceof ActivityFailure)
                    || failure.getCause() instanceof CanceledFailure) {
                  throw failure;
                }
                return ToolCall.refused(
                    id, tool.name(), arguments, turn, ToolCall.FAILED, messageOf(failure));
              }
              AgentResult settled = result;
              if (declared != null) {
                settled = DeclaredAgentResults.normalize(result, declared);
                if (declared.external() && declared.costBearing() && !Workflow.isReplaying()) {
                  reportedUsage.record(pipeline, tool.agent(), settled.usage());
                }
              }
              JsonNode output =
                  settled.output() == null ? JsonNodeFactory.instance.nullNode() : settled.output();
              return new ToolCall(
                  id, tool.name(), arguments, turn, ToolCall.SUCCEEDED, output, settled.usage());
            });
  }

  private static String messageOf(RuntimeException failure) {
    Throwable cause = failure instanceof ActivityFailure ? failure.getCause() : failure;
    if (cause instanceof ApplicationFailure application) {
      return application.getType() + ": " + application.getOriginalMessage();
    }
    return cause == null
        ? String.valueOf(failure.getMessage())
        : String.valueOf(cause.getMessage());
  }

  private static String toolNames(StepDefinition step) {
    return step.loop().tools().stream().map(ToolDefinition::name).collect(Collectors.joining(", "));
  }
}
