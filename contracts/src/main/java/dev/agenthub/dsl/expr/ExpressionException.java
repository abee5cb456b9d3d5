package dev.agenthub.dsl.expr;

/** An expression that does not compile, or that failed to evaluate. */
public final class ExpressionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ExpressionException(String message) {
    super(message);
  }
}
