package dev.agenthub.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.cost.UsageTotals;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.StepDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the interpreter knows about one run: each step's progress with its full output, the
 * run's status, and the CEL variables built from them. Only the workflow thread touches it.
 */
final class RunState {

  /** Outputs above this size are left out of the progress view (the full value stays here). */
  static final int MAX_VIEW_OUTPUT_BYTES = 16 * 1024;

  private final PipelineDefinition pipeline;
  private final JsonNode input;
  private final ObjectNode runVariable;
  private final Map<String, StepProgress> steps = new LinkedHashMap<>();
  private RunStatus status = RunStatus.RUNNING;
  private String failedStep;

  RunState(PipelineDefinition pipeline, JsonNode input, ObjectNode runVariable) {
    this.pipeline = pipeline;
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

  /** The progress view: outputs over {@link #MAX_VIEW_OUTPUT_BYTES} are replaced by their size. */
  RunProgress progress() {
    List<StepProgress> view = new ArrayList<>(steps.size());
    steps
        .values()
        .forEach(
            s -> view.add(s.outputBytes() > MAX_VIEW_OUTPUT_BYTES ? s.withOutputLeftOut() : s));
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

  /** The variables as one JSON object, for agents that evaluate CEL themselves. */
  ObjectNode variablesObject() {
    ObjectNode context = JsonNodeFactory.instance.objectNode();
    variables().forEach(context::set);
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
