package dev.agenthub.dsl.expr;

/**
 * Whether an evaluation enforces {@link EvaluationLimits}. Everything enforces them but the replay
 * of a run recorded before they existed, which must evaluate exactly as it did then.
 */
public enum ExpressionLimits {
  /** Stop at the limits with an {@link ExpressionLimitException}. */
  ENFORCED,
  /** CEL's own defaults only, as before the limits existed: for replaying old runs. */
  NONE
}
