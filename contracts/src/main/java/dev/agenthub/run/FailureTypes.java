package dev.agenthub.run;

/** Failure types used as {@code ApplicationFailure} types across processes. */
public final class FailureTypes {

  /** A step failed and its {@code onError} is {@code fail}; the message names the step. */
  public static final String STEP_FAILED = "StepFailed";

  /** The remote side rejected the request (an HTTP 4xx other than 408/429): not retried. */
  public static final String AGENT_CLIENT_ERROR = "AgentClientError";

  /** A transient remote failure (5xx, 429, timeout, connection): retried per policy. */
  public static final String AGENT_REMOTE_ERROR = "AgentRemoteError";

  /** The step's arguments are unusable or the worker lacks configuration: not retried. */
  public static final String AGENT_CONFIG_ERROR = "AgentConfigError";

  /**
   * The worker's egress policy refused a connection of the {@code http} agent (a loopback,
   * link-local, private, multicast or unspecified address, or a host, scheme or port outside the
   * allowlist): not retried.
   */
  public static final String AGENT_EGRESS_DENIED = "AgentEgressDenied";

  /**
   * A step's output is larger than the worker allows ({@code agents.maxOutputBytes}, 256 KiB by
   * default), which keeps every payload and the run's history inside Temporal's limits: not
   * retried.
   */
  public static final String OUTPUT_TOO_LARGE = "OutputTooLarge";

  /**
   * The run's history grew past the size at which the interpreter starts no more steps (40 MiB,
   * below Temporal's 50 MiB, where the server would terminate the run): the step did not start and
   * the run fails.
   */
  public static final String HISTORY_TOO_LARGE = "HistoryTooLarge";

  /**
   * A step's input (its rendered arguments and the run context it reads) is too large for one
   * Temporal payload: the step did not start. The message gives the size and the bound.
   */
  public static final String INPUT_TOO_LARGE = "InputTooLarge";

  /** An expression failed to evaluate at run time: not retried. */
  public static final String EXPRESSION_ERROR = "ExpressionError";

  /**
   * An expression would do more work than the evaluation limits allow (comprehension iterations or
   * nesting, the size of the values it computes): not retried. The message quotes the expression.
   */
  public static final String EXPRESSION_LIMIT_EXCEEDED = "ExpressionLimitExceeded";

  /**
   * A step's rendered arguments are unusable by the step itself (a {@code sleep} duration that is
   * not a duration): not retried.
   */
  public static final String INVALID_STEP_ARGUMENTS = "InvalidStepArguments";

  /**
   * The interpreter hit an unexpected error while evaluating a step or the run's {@code output}
   * (anything not covered by a more specific type): not retried. The message names the error.
   */
  public static final String STEP_EVALUATION_FAILED = "StepEvaluationFailed";

  /** The pipeline's {@code timeout} elapsed: running steps were cancelled and the run closed. */
  public static final String RUN_TIMED_OUT = "RunTimedOut";

  /** An approval step was rejected. */
  public static final String APPROVAL_REJECTED = "ApprovalRejected";

  /** An approval step's wait ran past its timeout. */
  public static final String APPROVAL_TIMED_OUT = "ApprovalTimedOut";

  /** The next step's worst-case cost would exceed the run's budget. */
  public static final String BUDGET_EXCEEDED = "BudgetExceeded";

  /**
   * An {@code llm} step of a run with a budget names a model the price table lacks, so the budget
   * cannot bound what it costs: the step does not start.
   */
  public static final String UNPRICED_MODEL = "UnpricedModel";

  /** A step was stopped because the run failed or was cancelled. */
  public static final String CANCELLED = "Cancelled";

  /**
   * A refused {@code decideApproval} update: the step is unknown, not an approval, or not waiting
   * for a decision (yet or any more). The run is unaffected.
   */
  public static final String STEP_NOT_WAITING = "StepNotWaiting";

  /**
   * A refused {@code decideApproval} update: another decision for the step was accepted first. The
   * run is unaffected.
   */
  public static final String DECISION_CONFLICT = "DecisionConflict";

  /**
   * A {@code forEach} step's list has more elements than a run may fan out to ({@code
   * runs.maxForEachItems}), or is not a list: the step fails before any element starts.
   */
  public static final String FOR_EACH_TOO_LARGE = "ForEachTooLarge";

  /** An agent loop reached its {@code maxTurns} without a final answer. */
  public static final String AGENT_MAX_TURNS = "AgentMaxTurns";

  /**
   * An agent loop's final answer did not match its {@code responseSchema}, also after being sent
   * back to the model on every remaining turn.
   */
  public static final String AGENT_INVALID_OUTPUT = "AgentInvalidOutput";

  /** An agent loop's conversation grew past its {@code maxTranscriptBytes}. */
  public static final String AGENT_TRANSCRIPT_TOO_LARGE = "AgentTranscriptTooLarge";

  private FailureTypes() {}
}
