package dev.agenthub.dsl;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.agents.BuiltInAgentSpecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The semantic rules of pipeline definitions: names and ids, agents and their arguments, the {@code
 * needs} graph (unknown steps, self-dependencies, cycles), durations and retry policies, and the
 * CEL of conditions, templates and {@code output} (it must compile, and a step may only read {@code
 * steps.<id>} of steps upstream of it), and the {@code schedules} and {@code on} triggers. {@link
 * PipelineLoader} runs it after reading a document; callers holding a {@link PipelineDefinition}
 * built otherwise may run it directly.
 */
public final class PipelineValidator {

  /** Pipeline names: lowercase, digits and dashes, as they prefix workflow ids. */
  public static final Pattern PIPELINE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private PipelineValidator() {}

  /** Every rule {@code definition} breaks, in document order; empty if it is valid. */
  public static List<ValidationError> validate(
      PipelineDefinition definition, AgentCatalog catalog) {
    requireNonNull(definition, "definition");
    requireNonNull(catalog, "catalog");
    List<ValidationError> errors = new ArrayList<>();
    checkPipeline(definition, errors);

    List<StepDefinition> steps = definition.steps();
    StepGraph graph = new StepGraph(steps);
    StepChecker stepChecker = new StepChecker(catalog, graph, errors);
    ExpressionChecker expressions = new ExpressionChecker(graph, errors);
    ForEachChecker forEach = new ForEachChecker(expressions, errors);
    AgentLoopChecker loops = new AgentLoopChecker(catalog, stepChecker, expressions, errors);
    for (int i = 0; i < steps.size(); i++) {
      StepDefinition step = steps.get(i);
      stepChecker.check(i, step);
      graph.checkNeeds(i, errors);
      checkStepExpressions(i, step, expressions);
      forEach.check(i, step);
      loops.check(i, step);
    }
    graph.checkCycles(errors);
    if (definition.output() != null) {
      expressions.checkTemplates(definition.output(), "output", -1, null);
    }
    new TriggerChecker(errors).check(definition);
    return errors;
  }

  private static void checkPipeline(PipelineDefinition definition, List<ValidationError> errors) {
    String name = definition.name();
    if (name == null) {
      errors.add(new ValidationError("name", "required"));
    } else if (!PIPELINE_NAME.matcher(name).matches()) {
      errors.add(
          new ValidationError(
              "name",
              "\""
                  + name
                  + "\" is not a valid pipeline name (lowercase letters, digits and -, not"
                  + " starting with -, at most 63 characters)"));
    }
    if (definition.input() != null) {
      for (ValidationError problem : InputValidator.schemaErrors(definition.input())) {
        errors.add(
            new ValidationError(
                pointerToPath("input", problem.path(), definition.input()), problem.message()));
      }
    }
    BudgetDefinition budget = definition.budget();
    if (budget != null) {
      if (budget.maxCostUsd() == null) {
        errors.add(new ValidationError("budget.maxCostUsd", "required"));
      } else if (!(budget.maxCostUsd() > 0)) {
        errors.add(new ValidationError("budget.maxCostUsd", "must be greater than 0"));
      }
    }
    if (definition.timeout() != null) {
      try {
        Durations.parse(definition.timeout());
      } catch (IllegalArgumentException e) {
        errors.add(
            new ValidationError("timeout", "invalid duration \"" + definition.timeout() + "\""));
      }
    }
    if (definition.steps().isEmpty()) {
      errors.add(new ValidationError("steps", "at least one step is required"));
    }
  }

  private static void checkStepExpressions(
      int i, StepDefinition step, ExpressionChecker expressions) {
    String path = "steps[" + i + "]";
    if (step.when() != null) {
      expressions.checkExpression(step.when(), path + ".when", i, step);
    }
    JsonNode with = step.with();
    if (with == null) {
      return;
    }
    boolean agent = step.type() != StepType.APPROVAL && step.type() != StepType.SLEEP;
    boolean transform = agent && BuiltInAgentSpecs.TRANSFORM.name().equals(step.agent());
    boolean http = agent && BuiltInAgentSpecs.HTTP.name().equals(step.agent());
    for (Map.Entry<String, JsonNode> argument : with.properties()) {
      String argumentPath = DocumentPaths.key(path + ".with", argument.getKey());
      // The transform agent evaluates its expression itself: raw CEL, not a template.
      if (transform && argument.getKey().equals("expression") && argument.getValue().isTextual()) {
        expressions.checkExpression(argument.getValue().textValue(), argumentPath, i, step);
      } else {
        // Secrets reach only the http agent's request headers, resolved inside its activity.
        boolean headers = http && argument.getKey().equals("headers");
        expressions.checkTemplates(argument.getValue(), argumentPath, i, step, headers);
      }
    }
  }

  /** {@code input.properties.topic.type} for pointer {@code /properties/topic/type}. */
  static String pointerToPath(String root, String pointer, JsonNode document) {
    String path = root;
    JsonNode at = document;
    if (pointer.isEmpty()) {
      return path;
    }
    for (String rawSegment : pointer.substring(1).split("/", -1)) {
      String segment = rawSegment.replace("~1", "/").replace("~0", "~");
      if (at != null && at.isArray() && segment.matches("\\d+")) {
        path = DocumentPaths.index(path, Integer.parseInt(segment));
        at = at.get(Integer.parseInt(segment));
      } else {
        path = DocumentPaths.key(path, segment);
        at = at == null ? null : at.get(segment);
      }
    }
    return path;
  }
}
