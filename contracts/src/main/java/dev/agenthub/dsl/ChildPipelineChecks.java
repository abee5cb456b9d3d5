package dev.agenthub.dsl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The rules of {@code pipeline:} steps: on one definition, the name is a valid pipeline name and
 * only {@code pipeline} steps carry one; across a set of definitions ({@link #crossCheck}), every
 * name (of a step or of an agent loop's pipeline tool) is a known pipeline and no pipeline runs
 * itself, directly or through others.
 */
final class ChildPipelineChecks {

  private ChildPipelineChecks() {}

  /** Checks the {@code pipeline} of a {@link StepType#PIPELINE} step at {@code path}. */
  static void check(StepDefinition step, String path, List<ValidationError> errors) {
    String name = step.pipeline();
    if (name == null) {
      errors.add(new ValidationError(path + ".pipeline", "required for type \"pipeline\""));
    } else if (!PipelineValidator.PIPELINE_NAME.matcher(name).matches()) {
      errors.add(
          new ValidationError(path + ".pipeline", "\"" + name + "\" is not a valid pipeline name"));
    }
  }

  /** Refuses a {@code pipeline} on a step of another kind. */
  static void rejectPipeline(StepDefinition step, String path, List<ValidationError> errors) {
    if (step.pipeline() != null) {
      errors.add(
          new ValidationError(
              path + ".pipeline",
              "not allowed with "
                  + (step.agent() != null ? "agent" : "type \"" + step.type().yamlName() + "\"")
                  + " (give one of agent, type or pipeline)"));
    }
  }

  /**
   * The errors of each definition in {@code definitions} whose {@code pipeline:} steps or pipeline
   * tools name an unknown pipeline or close a cycle, by pipeline name; definitions without any are
   * left out.
   */
  static Map<String, List<ValidationError>> crossCheck(Collection<PipelineDefinition> definitions) {
    Map<String, PipelineDefinition> byName = new LinkedHashMap<>();
    definitions.forEach(d -> byName.put(d.name(), d));
    Map<String, List<ValidationError>> errors = new LinkedHashMap<>();
    for (PipelineDefinition definition : definitions) {
      references(definition)
          .forEach(
              (path, child) -> {
                Optional<String> problem =
                    !byName.containsKey(child)
                        ? Optional.of(
                            "unknown pipeline \""
                                + child
                                + "\" (known: "
                                + String.join(", ", new TreeSet<>(byName.keySet()))
                                + ")")
                        : cycleThrough(definition.name(), child, byName)
                            .map(cycle -> "cycle: " + String.join(" -> ", cycle));
                problem.ifPresent(
                    message ->
                        errors
                            .computeIfAbsent(definition.name(), n -> new ArrayList<>())
                            .add(new ValidationError(path, message)));
              });
    }
    return errors;
  }

  /** The shortest path {@code start -> child -> ... -> start}, if {@code child} leads back. */
  private static Optional<List<String>> cycleThrough(
      String start, String child, Map<String, PipelineDefinition> byName) {
    Map<String, String> cameFrom = new LinkedHashMap<>();
    List<String> frontier = new ArrayList<>(List.of(child));
    cameFrom.put(child, start);
    while (!frontier.isEmpty()) {
      List<String> next = new ArrayList<>();
      for (String name : frontier) {
        if (name.equals(start)) {
          List<String> cycle = new ArrayList<>();
          String at = start;
          do {
            cycle.add(0, at);
            at = cameFrom.get(at);
          } while (!at.equals(start));
          cycle.add(0, start);
          return Optional.of(cycle);
        }
        for (String grandchild : children(byName.get(name))) {
          if (!cameFrom.containsKey(grandchild)) {
            cameFrom.put(grandchild, name);
            next.add(grandchild);
          }
        }
      }
      frontier = next;
    }
    return Optional.empty();
  }

  /**
   * The pipelines {@code definition} runs as children ({@code pipeline:} steps and pipeline tools
   * of agent loops), each once, in file order (none for an unknown one).
   */
  static List<String> children(PipelineDefinition definition) {
    if (definition == null) {
      return List.of();
    }
    return references(definition).values().stream().distinct().toList();
  }

  /** Every pipeline name {@code definition} refers to, by the field path that names it. */
  private static Map<String, String> references(PipelineDefinition definition) {
    Map<String, String> names = new LinkedHashMap<>();
    List<StepDefinition> steps = definition.steps();
    for (int i = 0; i < steps.size(); i++) {
      StepDefinition step = steps.get(i);
      if (step.type() == StepType.PIPELINE && step.pipeline() != null) {
        names.put("steps[" + i + "].pipeline", step.pipeline());
      }
      List<ToolDefinition> tools = step.loop() == null ? List.of() : step.loop().tools();
      for (int t = 0; t < tools.size(); t++) {
        if (tools.get(t).pipeline() != null) {
          names.put("steps[" + i + "].tools[" + t + "].pipeline", tools.get(t).pipeline());
        }
      }
    }
    return names;
  }
}
