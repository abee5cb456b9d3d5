package dev.agenthub.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.agents.AgentDeclaration;
import dev.agenthub.cost.Usage;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.StepDefinition;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Runs a {@code pipeline:} step or pipeline tool call: the named pipeline, from the definitions
 * snapshotted in the run's input when it started, as a child workflow with id {@code <parent
 * id>/<step>} ({@code <step>[<index>]} under {@code forEach}, {@code <step>/<call id>} for a tool
 * call), its input the step's rendered {@code with} (the call's arguments). Cancelling the parent
 * cancels the child (the step's scope, and {@link
 * ParentClosePolicy#PARENT_CLOSE_POLICY_REQUEST_CANCEL} if the parent closes first). The child's
 * budget is what the parent has left when it starts; its usage becomes the step's, and so the
 * parent's. Workflow code.
 */
final class ChildPipelines {

  private final PipelineRunInput parent;
  private final String workflowId;
  private final DoubleSupplier budgetLeftUsd;

  /**
   * {@code budgetLeftUsd} answers what the parent's budget has left now (only asked when the parent
   * has a budget).
   */
  ChildPipelines(PipelineRunInput parent, String workflowId, DoubleSupplier budgetLeftUsd) {
    this.parent = parent;
    this.workflowId = workflowId;
    this.budgetLeftUsd = budgetLeftUsd;
  }

  /** Runs {@code step}'s pipeline with {@code input}; never throws for the child's failure. */
  StepOutcome run(StepDefinition step, ForEachElement element, JsonNode input) {
    return run(step.pipeline(), element == null ? step.id() : element.key(step.id()), input);
  }

  /**
   * Runs pipeline {@code name} with {@code input} as the child {@code <parent id>/<key>}; never
   * throws for the child's failure.
   */
  StepOutcome run(String name, String key, JsonNode input) {
    PipelineDefinition child = parent.pipelines().get(name);
    if (child == null) {
      return StepOutcome.failed(
          0,
          new StepError(
              FailureTypes.INVALID_STEP_ARGUMENTS,
              "pipeline \"" + name + "\" is not in the run's snapshot of pipelines"));
    }
    String childId = workflowId + "/" + key;
    ChildWorkflowOptions options =
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(childId)
            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
            .setMemo(Map.of("pipeline", child.name(), "pipelineVersion", child.version()))
            .build();
    Double budget = parent.effectiveBudgetUsd() == null ? null : budgetLeftUsd.getAsDouble();
    PipelineRunInput childInput =
        new PipelineRunInput(
            child,
            input,
            Map.of(),
            budget,
            null,
            parent.prices(),
            agentsOf(child),
            null,
            parent.maxForEachItems(),
            parent.pipelines());
    try {
      PipelineRunResult result =
          Workflow.newChildWorkflowStub(PipelineWorkflow.class, options).run(childInput);
      return StepOutcome.succeeded(result.output(), 1, usageOf(result));
    } catch (ChildWorkflowFailure e) {
      if (e.getCause() instanceof CanceledFailure) {
        return StepOutcome.cancelled("cancelled before completion");
      }
      String type =
          e.getCause() instanceof ApplicationFailure application
              ? application.getType()
              : FailureTypes.STEP_FAILED;
      String message =
          e.getCause() instanceof ApplicationFailure application
              ? application.getOriginalMessage()
              : String.valueOf(e.getCause());
      return StepOutcome.failed(
          1,
          new StepError(
              type, "pipeline \"" + child.name() + "\" (run " + childId + ") failed: " + message));
    }
  }

  private Map<String, AgentDeclaration> agentsOf(PipelineDefinition child) {
    return parent.agents().entrySet().stream()
        .filter(e -> child.agentNames().contains(e.getKey()))
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private static Usage usageOf(PipelineRunResult result) {
    if (result.usage() == null) {
      return null;
    }
    return new Usage(
        null,
        result.usage().inputTokens(),
        result.usage().outputTokens(),
        result.usage().costUsd(),
        true);
  }
}
