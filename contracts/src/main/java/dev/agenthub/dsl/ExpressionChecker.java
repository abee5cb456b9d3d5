package dev.agenthub.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.dsl.expr.CelExpressions;
import dev.agenthub.dsl.expr.ElementReferences;
import dev.agenthub.dsl.expr.ExpressionException;
import dev.agenthub.dsl.expr.SecretReferences;
import dev.agenthub.dsl.expr.StepReferences;
import dev.agenthub.dsl.expr.Templates;
import dev.cel.common.CelAbstractSyntaxTree;
import java.util.List;
import java.util.Map;

/**
 * Compiles a definition's CEL (conditions, {@code ${{ }}} templates, raw expressions) and checks
 * that every {@code steps.<id>} it reads names a step that will have finished: an upstream step for
 * step expressions, any step for the pipeline's {@code output}.
 */
final class ExpressionChecker {

  private final StepGraph graph;
  private final List<ValidationError> errors;

  ExpressionChecker(StepGraph graph, List<ValidationError> errors) {
    this.graph = graph;
    this.errors = errors;
  }

  /** Checks a raw CEL expression of step {@code stepIndex} (or of the output if -1). */
  void checkExpression(String expression, String path, int stepIndex, StepDefinition step) {
    checkExpression(expression, path, stepIndex, step, step != null && step.forEach() != null);
  }

  /**
   * {@link #checkExpression(String, String, int, StepDefinition)}; {@code item} and {@code index}
   * may be read only when {@code elementScope} (an expression evaluated once per element).
   */
  void checkExpression(
      String expression, String path, int stepIndex, StepDefinition step, boolean elementScope) {
    try {
      CelAbstractSyntaxTree ast = CelExpressions.compile(expression);
      StepReferences.in(ast).forEach(id -> checkReference(id, path, stepIndex, step));
      if (!elementScope) {
        ElementReferences.in(ast)
            .forEach(
                name ->
                    errors.add(
                        new ValidationError(
                            path,
                            "`"
                                + name
                                + "` is only defined in the arguments and when of a step with"
                                + " forEach")));
      }
    } catch (ExpressionException e) {
      errors.add(new ValidationError(path, e.getMessage()));
    }
  }

  /** Checks every template in every string of {@code value}, with paths to each string. */
  void checkTemplates(JsonNode value, String path, int stepIndex, StepDefinition step) {
    checkTemplates(value, path, stepIndex, step, false);
  }

  /**
   * {@link #checkTemplates(JsonNode, String, int, StepDefinition)}, accepting {@code ${{
   * secrets.NAME }}} references when {@code secretsAllowed} (the header values of an http step).
   */
  void checkTemplates(
      JsonNode value, String path, int stepIndex, StepDefinition step, boolean secretsAllowed) {
    forEachString(
        value,
        path,
        (stringPath, text) ->
            Templates.expressionsIn(text)
                .forEach(
                    expression -> {
                      if (SecretReferences.secretName(expression).isEmpty()) {
                        checkExpression(expression, stringPath, stepIndex, step);
                      } else if (!secretsAllowed) {
                        errors.add(
                            new ValidationError(
                                stringPath,
                                "`${{ "
                                    + expression
                                    + " }}` may only be used in the header values of an http"
                                    + " step"));
                      }
                    }));
  }

  private void checkReference(String id, String path, int stepIndex, StepDefinition step) {
    if (!graph.contains(id)) {
      errors.add(new ValidationError(path, "references unknown step \"" + id + "\""));
    } else if (step == null) {
      return;
    } else if (id.equals(step.id())) {
      errors.add(new ValidationError(path, "step \"" + id + "\" cannot reference itself"));
    } else if (!graph.upstream(stepIndex).contains(id)) {
      errors.add(
          new ValidationError(
              path, "references step \"" + id + "\" which is not upstream (add it to needs)"));
    }
  }

  /** Visits every string in {@code value} with its document path. */
  static void forEachString(JsonNode value, String path, StringVisitor visitor) {
    if (value == null) {
      return;
    }
    if (value.isTextual()) {
      visitor.visit(path, value.textValue());
    } else if (value.isObject()) {
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        forEachString(field.getValue(), DocumentPaths.key(path, field.getKey()), visitor);
      }
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        forEachString(value.get(i), DocumentPaths.index(path, i), visitor);
      }
    }
  }

  /** Receives one string of a JSON tree. */
  @FunctionalInterface
  interface StringVisitor {
    void visit(String path, String text);
  }
}
