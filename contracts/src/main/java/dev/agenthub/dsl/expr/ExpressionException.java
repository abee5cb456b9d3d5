package dev.agenthub.dsl.expr;

/**
 * An expression that does not compile, or that failed to evaluate; {@link ExpressionLimitException}
 * when it failed because it outgrew the evaluation limits.
 */
public class ExpressionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ExpressionException(String message) {
    super(message);
  }
}
