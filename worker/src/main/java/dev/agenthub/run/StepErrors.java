package dev.agenthub.run;

import dev.agenthub.dsl.expr.ExpressionException;
import dev.agenthub.dsl.expr.ExpressionLimitException;
import io.temporal.failure.TemporalFailure;
import io.temporal.worker.NonDeterministicException;

/**
 * Decides which exceptions thrown while the interpreter evaluates a step become that step's
 * failure. An error in a step's definition or data (a duration that does not parse, a CEL or
 * Jackson error) fails the step: no retry of the workflow task could fix it, and letting it escape
 * would fail the task over and over while the run hangs. Temporal's own signals stay Temporal's:
 * non-determinism after a bad deploy, a workflow thread being destroyed, a potential deadlock, any
 * {@link Error} and Temporal failures keep failing the workflow task, as Temporal intends.
 */
final class StepErrors {

  private static final String TEMPORAL_INTERNAL_PACKAGE = "io.temporal.internal.";
  private static final int MAX_CAUSES = 16;

  private StepErrors() {}

  /** Whether {@code error}, or one of its causes, belongs to Temporal and must propagate. */
  static boolean belongsToTemporal(Throwable error) {
    Throwable cause = error;
    for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++) {
      if (cause instanceof Error
          || cause instanceof TemporalFailure
          || cause instanceof NonDeterministicException
          || cause.getClass().getName().startsWith(TEMPORAL_INTERNAL_PACKAGE)) {
        return true;
      }
      cause = cause.getCause();
    }
    return false;
  }

  /**
   * {@code error} as a step failure of type {@link FailureTypes#STEP_EVALUATION_FAILED}, after
   * {@code where} (what was being evaluated). Call only when {@link #belongsToTemporal} is false.
   */
  static StepError evaluationFailed(String where, RuntimeException error) {
    return new StepError(FailureTypes.STEP_EVALUATION_FAILED, where + ": " + describe(error));
  }

  /**
   * A step failure for an expression that failed: {@link FailureTypes#EXPRESSION_LIMIT_EXCEEDED}
   * when it outgrew the evaluation limits, else {@link FailureTypes#EXPRESSION_ERROR}.
   */
  static StepError ofExpression(ExpressionException error) {
    String type =
        error instanceof ExpressionLimitException
            ? FailureTypes.EXPRESSION_LIMIT_EXCEEDED
            : FailureTypes.EXPRESSION_ERROR;
    return new StepError(type, error.getMessage());
  }

  /** The error's class and message, e.g. {@code IllegalArgumentException: bad value}. */
  static String describe(Throwable error) {
    String message = error.getMessage();
    String type = error.getClass().getSimpleName();
    return message == null || message.isBlank() ? type : type + ": " + message;
  }
}
