package dev.agenthub.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.agents.AgentDeclaration;
import dev.agenthub.agents.AgentSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks one step on its own: its id, its kind (agent or built-in type) and the arguments that kind
 * takes, its retry policy and its timeout.
 */
final class StepChecker {

  /** Step ids must be CEL identifiers so that {@code steps.<id>} parses. */
  static final Pattern STEP_ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  private final AgentCatalog catalog;
  private final StepGraph graph;
  private final List<ValidationError> errors;

  StepChecker(AgentCatalog catalog, StepGraph graph, List<ValidationError> errors) {
    this.catalog = catalog;
    this.graph = graph;
    this.errors = errors;
  }

  void check(int i, StepDefinition step) {
    String path = "steps[" + i + "]";
    checkId(i, step, path);
    checkKind(step, path);
    checkRetry(step, path);
    if (step.timeout() != null) {
      if (step.type() == StepType.SLEEP || step.type() == StepType.PIPELINE) {
        error(path + ".timeout", "not allowed for type \"" + step.type().yamlName() + "\"");
      } else {
        checkDuration(step.timeout(), path + ".timeout");
      }
    }
  }

  private void checkId(int i, StepDefinition step, String path) {
    if (step.id() == null) {
      error(path + ".id", "required");
    } else if (!STEP_ID.matcher(step.id()).matches()) {
      error(
          path + ".id",
          "\""
              + step.id()
              + "\" is not a valid step id (letters, digits and _, not starting with a digit,"
              + " at most 63 characters)");
    } else if (graph.indexOf(step.id()) != i) {
      error(
          path + ".id",
          "duplicate step id \""
              + step.id()
              + "\" (first at steps["
              + graph.indexOf(step.id())
              + "])");
    }
  }

  private void checkKind(StepDefinition step, String path) {
    StepType type = step.type();
    if (type == null && step.agent() == null) {
      error(path, "one of agent or type is required");
    } else if (type == null || type == StepType.AGENT) {
      if (step.agent() == null) {
        error(path + ".agent", "required for type \"agent\"");
      } else {
        checkAgent(step, path);
      }
    } else if (step.agent() != null) {
      error(
          path + ".agent",
          "not allowed with type \"" + type.yamlName() + "\" (give either agent or type)");
    } else if (type == StepType.PIPELINE) {
      ChildPipelineChecks.check(step, path, errors);
      rejectRetry(step, path);
    } else if (type == StepType.APPROVAL) {
      checkArguments(step.with(), path + ".with", "type \"approval\"", Set.of("message"));
      rejectRetry(step, path);
      ChildPipelineChecks.rejectPipeline(step, path, errors);
    } else {
      checkSleep(step, path);
    }
  }

  private void checkAgent(StepDefinition step, String path) {
    ChildPipelineChecks.rejectPipeline(step, path, errors);
    AgentSpec spec = catalog.find(step.agent()).orElse(null);
    if (spec == null) {
      error(
          path + ".agent",
          "unknown agent \""
              + step.agent()
              + "\" (known: "
              + String.join(", ", new TreeSet<>(catalog.names()))
              + ")");
      return;
    }
    JsonNode with = step.with();
    for (String required : new TreeSet<>(spec.requiredArguments())) {
      List<String> alternatives = Arrays.asList(required.split("\\|"));
      if (alternatives.stream().noneMatch(a -> with != null && with.has(a))) {
        if (alternatives.size() == 1) {
          error(
              DocumentPaths.key(path + ".with", required),
              "required by agent \"" + spec.name() + "\"");
        } else {
          error(
              path + ".with",
              "agent \"" + spec.name() + "\" needs one of " + String.join(", ", alternatives));
        }
      }
    }
    AgentDeclaration declaration = catalog.declaration(spec.name()).orElse(null);
    boolean othersAccepted = declaration != null && declaration.acceptsOtherArguments();
    if (with != null) {
      with.fieldNames()
          .forEachRemaining(
              key -> {
                if (!othersAccepted && !spec.accepts(key)) {
                  error(
                      DocumentPaths.key(path + ".with", key),
                      "unknown argument for agent \"" + spec.name() + "\"");
                }
              });
      if (declaration != null) {
        checkDeclaredValues(declaration, with, path + ".with");
      }
    }
  }

  /**
   * Checks the arguments whose values are known now (no template inside) against the declared JSON
   * Schema; templated values can only be checked when the run renders them. Missing and unknown
   * arguments are reported above, so the schema's verdict on the object itself is left out.
   */
  private void checkDeclaredValues(AgentDeclaration declaration, JsonNode with, String path) {
    ObjectNode known = JsonNodeFactory.instance.objectNode();
    with.properties()
        .forEach(
            e -> {
              if (!e.getValue().toString().contains("${{")) {
                known.set(e.getKey(), e.getValue());
              }
            });
    InputValidator validator;
    try {
      validator = InputValidator.forSchema(declaration.arguments());
    } catch (IllegalArgumentException e) {
      error(path, "agent \"" + declaration.name() + "\" has an invalid arguments schema");
      return;
    }
    for (ValidationError problem : validator.validate(known)) {
      String pointer = problem.path();
      if (pointer.isEmpty()) {
        continue;
      }
      String at = path;
      for (String segment : pointer.substring(1).split("/", -1)) {
        String key = segment.replace("~1", "/").replace("~0", "~");
        at =
            key.matches("\\d+")
                ? DocumentPaths.index(at, Integer.parseInt(key))
                : DocumentPaths.key(at, key);
      }
      error(at, problem.message());
    }
  }

  private void checkSleep(StepDefinition step, String path) {
    ChildPipelineChecks.rejectPipeline(step, path, errors);
    JsonNode with = step.with();
    checkArguments(with, path + ".with", "type \"sleep\"", Set.of("duration"));
    JsonNode duration = with == null ? null : with.get("duration");
    String durationPath = path + ".with.duration";
    if (duration == null || duration.isNull()) {
      error(durationPath, "required for type \"sleep\"");
    } else if (!duration.isTextual()) {
      error(durationPath, "expected a duration string like \"30s\"");
    } else if (!duration.textValue().contains("${{")) {
      // A templated duration can only be checked when the run renders it.
      checkDuration(duration.textValue(), durationPath);
    }
    rejectRetry(step, path);
  }

  private void checkArguments(JsonNode with, String path, String kind, Set<String> allowed) {
    if (with == null) {
      return;
    }
    with.fieldNames()
        .forEachRemaining(
            key -> {
              if (!allowed.contains(key)) {
                error(
                    DocumentPaths.key(path, key),
                    "unknown argument for "
                        + kind
                        + " (allowed: "
                        + String.join(", ", new TreeSet<>(allowed))
                        + ")");
              }
            });
  }

  private void rejectRetry(StepDefinition step, String path) {
    if (step.retry() != null) {
      error(path + ".retry", "not allowed for type \"" + step.type().yamlName() + "\"");
    }
  }

  private void checkRetry(StepDefinition step, String path) {
    RetryDefinition retry = step.retry();
    if (retry == null) {
      return;
    }
    String retryPath = path + ".retry";
    if (retry.maxAttempts() != null && retry.maxAttempts() < 1) {
      error(retryPath + ".maxAttempts", "must be at least 1, got " + retry.maxAttempts());
    }
    if (retry.backoffCoefficient() != null && retry.backoffCoefficient() < 1.0) {
      error(
          retryPath + ".backoffCoefficient",
          "must be at least 1.0, got " + retry.backoffCoefficient());
    }
    boolean initialOk =
        retry.initialInterval() != null
            && checkDuration(retry.initialInterval(), retryPath + ".initialInterval");
    boolean maximumOk =
        retry.maximumInterval() != null
            && checkDuration(retry.maximumInterval(), retryPath + ".maximumInterval");
    if (initialOk
        && maximumOk
        && Durations.parse(retry.maximumInterval())
                .compareTo(Durations.parse(retry.initialInterval()))
            < 0) {
      error(retryPath + ".maximumInterval", "must not be shorter than initialInterval");
    }
  }

  /** Records an error unless {@code text} is a valid duration; returns whether it is. */
  boolean checkDuration(String text, String path) {
    try {
      Durations.parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      error(path, "invalid duration \"" + text + "\"");
      return false;
    }
  }

  private void error(String path, String message) {
    errors.add(new ValidationError(path, message));
  }
}
