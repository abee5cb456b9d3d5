package dev.agenthub.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.cost.UsageTotals;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.StepDefinition;
import dev.agenthub.dsl.expr.CelExpressions;
import dev.agenthub.dsl.expr.ExpressionLimits;
import dev.agenthub.dsl.expr.Templates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the interpreter knows about one run: each step's progress with its full output, the
 * run's status, and the CEL variables built from them. Only the workflow thread touches it.
 */
final class RunState {

  /** Outputs above this size are left out of the progress view (the full value stays here). */
  static final int MAX_VIEW_OUTPUT_BYTES = 16 * 1024;

  /** The outputs one progress view shows, in bytes in all; later ones are left out. */
  static final int MAX_VIEW_TOTAL_OUTPUT_BYTES = 256 * 1024;

  private final PipelineDefinition pipeline;
  private final JsonNode input;
  private final ObjectNode runVariable;
  private final ExpressionLimits limits;
  private final Map<String, StepProgress> steps = new LinkedHashMap<>();
  private RunStatus status = RunStatus.RUNNING;
  private String failedStep;

  /**
   * {@code limits} is {@link ExpressionLimits#NONE} only for runs recorded before expressions had
   * limits (see {@link PipelineWorkflowImpl#EXPRESSION_LIMITS_CHANGE}).
   */
  RunState(
      PipelineDefinition pipeline,
      JsonNode input,
      ObjectNode runVariable,
      ExpressionLimits limits) {
    this.pipeline = pipeline;
    this.limits = limits;
    this.input = input == null ? JsonNodeFactory.instance.objectNode() : input;
    this.runVariable = runVariable;
    for (StepDefinition step : pipeline.steps()) {
      steps.put(step.id(), StepProgress.pending(step.id(), step.kind()));
    }
  }

  StepProgress step(String id) {
    return steps.get(id);
  }

  void update(StepProgress progress) {
    steps.put(progress.id(), progress);
  }

  void running(String id, Instant at) {
    update(steps.get(id).running(at));
  }

  void waitingApproval(String id, Instant at) {
    update(steps.get(id).waitingApproval(at));
  }

  void succeeded(
      String id, Instant at, JsonNode output, int attempts, dev.agenthub.cost.Usage usage) {
    update(steps.get(id).succeeded(at, attempts, output, usage));
  }

  void failed(String id, Instant at, int attempts, StepError error) {
    update(steps.get(id).failed(at, attempts, error));
  }

  void skipped(String id, Instant at, int attempts, StepError error) {
    update(steps.get(id).skipped(at, attempts, error));
  }

  void cancelled(String id, Instant at, int attempts, StepError error) {
    update(steps.get(id).cancelled(at, attempts, error));
  }

  boolean isSettled(String id) {
    return steps.get(id).status().isTerminal();
  }

  List<StepProgress> steps() {
    return List.copyOf(steps.values());
  }

  RunStatus status() {
    return status;
  }

  void finish(RunStatus status, String failedStep) {
    this.status = status;
    this.failedStep = failedStep;
  }

  /** What this run spent; steps reused from an earlier run were paid for there. */
  UsageTotals usage() {
    UsageTotals totals = UsageTotals.ZERO;
    for (StepProgress step : steps.values()) {
      if (!step.reused()) {
        totals = totals.plus(step.usage());
      }
    }
    return totals;
  }

  /**
   * The progress view (the {@code progress} query, the run's result and its failure details): an
   * output over {@link #MAX_VIEW_OUTPUT_BYTES}, or one that would take the outputs shown past
   * {@link #MAX_VIEW_TOTAL_OUTPUT_BYTES}, is replaced by its size, so the view stays far below
   * Temporal's payload limit however many steps the run has.
   */
  RunProgress progress() {
    List<StepProgress> view = new ArrayList<>(steps.size());
    long shown = 0;
    for (StepProgress step : steps.values()) {
      if (step.output() == null) {
        view.add(step);
      } else if (step.outputBytes() > MAX_VIEW_OUTPUT_BYTES
          || shown + step.outputBytes() > MAX_VIEW_TOTAL_OUTPUT_BYTES) {
        view.add(step.withOutputLeftOut());
      } else {
        shown += step.outputBytes();
        view.add(step);
      }
    }
    return new RunProgress(pipeline.name(), pipeline.version(), status, view, usage(), failedStep);
  }

  Map<String, StepProgress> succeededSteps() {
    Map<String, StepProgress> succeeded = new LinkedHashMap<>();
    steps.values().stream()
        .filter(s -> s.status() == StepStatus.SUCCEEDED)
        .forEach(s -> succeeded.put(s.id(), s));
    return succeeded;
  }

  /** The CEL variables: {@code input}, {@code steps.<id>.{status, output, error}}, {@code run}. */
  Map<String, JsonNode> variables() {
    ObjectNode stepsVariable = JsonNodeFactory.instance.objectNode();
    steps.values().forEach(s -> stepsVariable.set(s.id(), stepVariable(s)));
    return Map.of("input", input, "steps", stepsVariable, "run", runVariable);
  }

  /** {@code value} with its {@code ${{ }}} templates rendered against the variables now. */
  JsonNode render(JsonNode value) {
    return Templates.render(value, variables(), limits);
  }

  /** {@link #render(JsonNode)} for one element of a {@code forEach} step (null: none). */
  JsonNode render(JsonNode value, ForEachElement element) {
    return Templates.render(value, variables(element), limits);
  }

  /** {@link #render(JsonNode)}, with one more variable (a tool call's {@code args}). */
  JsonNode render(JsonNode value, String name, JsonNode extra) {
    Map<String, JsonNode> variables = new HashMap<>(variables());
    variables.put(name, extra);
    return Templates.render(value, variables, limits);
  }

  /** The boolean value of {@code condition} over the variables now. */
  boolean test(String condition) {
    return CelExpressions.test(condition, variables(), limits);
  }

  /** {@link #test(String)} for one element of a {@code forEach} step. */
  boolean test(String condition, ForEachElement element) {
    return CelExpressions.test(condition, variables(element), limits);
  }

  /** The value of a raw CEL {@code expression} over the variables now. */
  JsonNode evaluate(String expression) {
    return CelExpressions.evaluate(expression, variables(), limits);
  }

  private Map<String, JsonNode> variables(ForEachElement element) {
    if (element == null) {
      return variables();
    }
    Map<String, JsonNode> variables = new LinkedHashMap<>(variables());
    variables.putAll(element.variables());
    return variables;
  }

  /**
   * The variables as one JSON object, for agents that evaluate CEL themselves, with only the steps
   * in {@code stepsRead} (all steps when empty), and the element's when {@code element} is not
   * null.
   */
  ObjectNode variablesObject(Optional<Set<String>> stepsRead, ForEachElement element) {
    ObjectNode context = JsonNodeFactory.instance.objectNode();
    variables(element).forEach(context::set);
    stepsRead.ifPresent(ids -> ((ObjectNode) context.get("steps")).retain(ids));
    return context;
  }

  private static ObjectNode stepVariable(StepProgress step) {
    ObjectNode variable = JsonNodeFactory.instance.objectNode();
    variable.put("status", step.status().wireName());
    variable.set(
        "output", step.output() == null ? JsonNodeFactory.instance.nullNode() : step.output());
    variable.put("attempts", step.attempts());
    if (step.error() == null) {
      variable.putNull("error");
    } else {
      variable
          .putObject("error")
          .put("type", step.error().type())
          .put("message", step.error().message());
    }
    return variable;
  }
}
