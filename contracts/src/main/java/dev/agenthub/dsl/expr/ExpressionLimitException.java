package dev.agenthub.dsl.expr;

/**
 * An expression that would do more work than {@link EvaluationLimits} allow: too many comprehension
 * iterations, too deep a nesting of comprehensions, or too large an intermediate value. Evaluation
 * stops at the limit, so a hostile input cannot stall the thread that evaluates it.
 */
public final class ExpressionLimitException extends ExpressionException {

  private static final long serialVersionUID = 1L;

  public ExpressionLimitException(String message) {
    super(message);
  }
}
