package dev.agenthub.dsl;

import java.util.List;

/**
 * Checks a step's {@code forEach}: its list expression (it compiles, reads only upstream steps and
 * not the element it defines), its {@code concurrency}, and that the step's kind may repeat (not an
 * approval, not an agent loop).
 */
final class ForEachChecker {

  private final ExpressionChecker expressions;
  private final List<ValidationError> errors;

  ForEachChecker(ExpressionChecker expressions, List<ValidationError> errors) {
    this.expressions = expressions;
    this.errors = errors;
  }

  void check(int i, StepDefinition step) {
    ForEachDefinition forEach = step.forEach();
    if (forEach == null) {
      return;
    }
    String path = "steps[" + i + "]";
    if (step.type() == StepType.APPROVAL) {
      errors.add(new ValidationError(path + ".forEach", "not allowed for type \"approval\""));
    }
    if (step.loop() != null) {
      // Each turn and tool call of a loop is keyed by its step; elements would share the keys.
      errors.add(
          new ValidationError(
              path + ".forEach", "not allowed on an llm step with tools (an agent loop)"));
    }
    expressions.checkExpression(forEach.items(), path + ".forEach", i, step, false);
    Integer concurrency = forEach.concurrency();
    if (concurrency != null
        && (concurrency < 1 || concurrency > ForEachDefinition.MAX_CONCURRENCY)) {
      errors.add(
          new ValidationError(
              path + ".concurrency",
              "must be between 1 and "
                  + ForEachDefinition.MAX_CONCURRENCY
                  + ", got "
                  + concurrency));
    }
  }
}
