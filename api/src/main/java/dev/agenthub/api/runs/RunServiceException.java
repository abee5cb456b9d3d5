package dev.agenthub.api.runs;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Why the run service could not do what it was asked, in the service's own terms. The family is
 * sealed: {@code dev.agenthub.api.errors} maps each kind to an HTTP status and error code in one
 * place, through {@link Cases}, so a new kind does not compile until it is mapped. Messages are for
 * humans and never hold secrets.
 */
public abstract sealed class RunServiceException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private RunServiceException(String message) {
    super(message);
  }

  /**
   * Calls the method of {@code cases} for this kind of failure. (Java 17 has no pattern matching
   * over sealed types in {@code switch}; this is its exhaustive stand-in.)
   */
  public abstract <R> R match(Cases<R> cases);

  /** One method per kind of failure. */
  public interface Cases<R> {

    R runNotFound(RunNotFound e);

    R stepNotFound(StepNotFound e);

    R runAlreadyExists(RunAlreadyExists e);

    R reservedWorkflowId(ReservedWorkflowId e);

    R retryIdTaken(RetryIdTaken e);

    R idempotencyKeyReused(IdempotencyKeyReused e);

    R runNotRunning(RunNotRunning e);

    R stepNotWaiting(StepNotWaiting e);

    R decisionConflict(DecisionConflict e);

    R runNotRetryable(RunNotRetryable e);

    R invalidBudget(InvalidBudget e);

    R budgetAbovePipeline(BudgetAbovePipeline e);

    R invalidPageSize(InvalidPageSize e);

    R invalidStatusFilter(InvalidStatusFilter e);

    R invalidPageToken(InvalidPageToken e);

    R temporalUnavailable(TemporalUnavailable e);
  }

  /** No run has this id. */
  public static final class RunNotFound extends RunServiceException {

    private static final long serialVersionUID = 1L;

    private final String workflowId;

    public RunNotFound(String workflowId) {
      super("run " + workflowId + " not found");
      this.workflowId = requireNonNull(workflowId, "workflowId");
    }

    public String workflowId() {
      return workflowId;
    }

    @Override
    public <R> R match(Cases<R> cases) {
      return cases.runNotFound(this);
    }
  }

  /** The run exists but has no step with this id. */
  public static final class StepNotFound extends RunServiceException {

    private static final long serialVersionUID = 1L;

    private final String workflowId;
    private final String stepId;

    public StepNotFound(String workflowId, String stepId) {
      super("run " + workflowId + " has no step " + stepId);
      this.workflowId = requireNonNull(workflowId, "workflowId");
      this.stepId = requireNonNull(stepId, "stepId");
    }

    public String workflowId() {
      return workflowId;
    }

    public String stepId() {
      return stepId;
    }

    @Override
    public <R> R match(Cases<R> cases) {
      return cases.stepNotFound(this);
    }
  }

  /** A start asked for a workflow id that was used before (and no idempotency key was sent). */
  public static final class RunAlreadyExists extends RunServiceException {

    private static final long serialVersionUID = 1L;

    private final String workflowId;

    public RunAlreadyExists(String workflowId) {
      super("a run with id " + workflowId + " already exists");
      this.workflowId = requireNonNull(workflowId, "workflowId");
    }

    public String workflowId() {
      return workflowId;
    }

    @Override
    public <R> R match(Cases<R> cases) {
      return cases.runAlreadyExists(this);
    }
  }

  /**
   * A caller-chosen workflow id of the shape the platform derives for its own runs: a retry's
   * {@code <id>.retry} or an idempotency key's {@code <pipeline>-idem-<hash>}.
   */
  public static final class ReservedWorkflowId extends RunServiceException {

    private static final long serialVersionUID = 1L;

    private final String workflowId;

    public ReservedWorkflowId(String workflowId, String reason) {
      super("workflowId " + workflowId + " is reserved: " + requireNonNull(reason, "reason"));
      this.workflowId = requireNonNull(workflowId, "workflowId");
    }

    public String workflowId() {
      return workflowId;
    }

    @Override
    public <R> R match(Cases<R> cases) {
      return cases.reservedWorkflowId(this);
    }
  }

  /** A retry found {@code <id>.retry} taken by a run that is not the retry of {@code <id>}. */
  public static final class RetryIdTaken extends RunServiceException {

    private static final long serialVersionUID = 1L;

    private final String retryId;

    public RetryIdTaken(String workflowId, String retryId) {
      super(
          "run "
              + requireNonNull(retryId, "retryId")
              + " exists but is not the retry of run "
              + requireNonNull(workflowId, "workflowId"));
      this.retryId = retryId;
    }

    public String retryId() {
      return retryId;
    }

    @Override
    public <R> R match(Cases<R> cases) {
      return cases.retryIdTaken(this);
    }
  }

  /** An idempotency key was sent again with a different request. */
  public static final class IdempotencyKeyReused extends RunServiceException {

    private static final long serialVersionUID = 1L;

    private final String workflowId;

    public IdempotencyKeyReused(String workflowId) {
      super("Idempotency-Key was used with a different request");
      this.workflowId = requireNonNull(workflowId, "workflowId");
    }

    /** The run the key started first. */
    public String workflowId() {
      return workflowId;
    }

    @Override
    public <R> R match(Cases<R> cases) {
      return cases.idempotencyKeyReused(this);
    }
  }

  /** Cancel or terminate of a run that is no longer running. */
  public static final class RunNotRunning extends RunServiceException {

    private static final long serialVersionUID = 1L;

    private final String workflowId;
    private final String status;

    public RunNotRunning(String workflowId, String status) {
      super("run " + workflowId + " is " + status);
      this.workflowId = requireNonNull(workflowId, "workflowId");
      this.status = requireNonNull(status, "status");
    }

    public String workflowId() {
      return workflowId;
    }

    /** The run's status ({@code succeeded}, ...), or {@code closed} when it closed meanwhile. */
    public String status() {
      return status;
    }

    @Override
    public <R> R match(Cases<R> cases) {
      return cases.runNotRunning(this);
    }
  }

  /** A decision for a step that is not an approval waiting for one. */
  public static final class StepNotWaiting extends RunServiceException {

    private static final long serialVersionUID = 1L;

    private final String workflowId;
    private final String stepId;
    private final String stepStatus;

    private StepNotWaiting(String message, String workflowId, String stepId, String stepStatus) {
      super(message);
      this.workflowId = requireNonNull(workflowId, "workflowId");
      this.stepId = requireNonNull(stepId, "stepId");
      this.stepStatus = stepStatus;
    }

    /** The step is in {@code stepStatus} ({@code unknown} when the run reports no progress). */
    public static StepNotWaiting inStatus(String workflowId, String stepId, String stepStatus) {
      return new StepNotWaiting(
          "step " + stepId + " is not waiting for approval",
          workflowId,
          stepId,
          requireNonNull(stepStatus, "stepStatus"));
    }

    /** The run itself refused the decision: the step was not waiting when it arrived. */
    public static StepNotWaiting refusedByRun(String workflowId, String stepId, String reason) {
      return new StepNotWaiting(reason, workflowId, stepId, null);
    }

    /** The run closed between the check and the decision. */
    public static StepNotWaiting runClosed(String workflowId, String stepId) {
      return new StepNotWaiting(
          "run " + workflowId + " closed before the decision arrived", workflowId, stepId, null);
    }

    public String workflowId() {
      return workflowId;
    }

    public String stepId() {
      return stepId;
    }

    /** The step's status, empty when the run closed before the decision arrived. */
    public Optional<String> stepStatus() {
      return Optional.ofNullable(stepStatus);
    }

    @Override
    public <R> R match(Cases<R> cases) {
      return cases.stepNotWaiting(this);
    }
  }

  /** Another decision for the approval step was accepted first; this one was not taken. */
  public static final class DecisionConflict extends RunServiceException {

    private static final long serialVersionUID = 1L;

    private final String workflowId;
    private final String stepId;

    /** {@code reason} is the run's own word on the earlier decision. */
    public DecisionConflict(String workflowId, String stepId, String reason) {
      super(requireNonNull(reason, "reason"));
      this.workflowId = requireNonNull(workflowId, "workflowId");
      this.stepId = requireNonNull(stepId, "stepId");
    }

    public String workflowId() {
      return workflowId;
    }

    public String stepId() {
      return stepId;
    }

    @Override
    public <R> R match(Cases<R> cases) {
      return cases.decisionConflict(this);
    }
  }

  /** A retry of a run that did not fail, time out, or get cancelled or terminated. */
  public static final class RunNotRetryable extends RunServiceException {

    private static final long serialVersionUID = 1L;

    private final String workflowId;
    private final String status;

    public RunNotRetryable(String workflowId, String status) {
      super(
          "only failed, timed-out, cancelled or terminated runs can be retried; run "
              + workflowId
              + " is "
              + status);
      this.workflowId = requireNonNull(workflowId, "workflowId");
      this.status = requireNonNull(status, "status");
    }

    public String workflowId() {
      return workflowId;
    }

    public String status() {
      return status;
    }

    @Override
    public <R> R match(Cases<R> cases) {
      return cases.runNotRetryable(this);
    }
  }

  /** A run budget that is not a positive, finite amount. */
  public static final class InvalidBudget extends RunServiceException {

    private static final long serialVersionUID = 1L;

    private final double budgetUsd;

    public InvalidBudget(double budgetUsd) {
      super("budgetUsd must be a positive amount");
      this.budgetUsd = budgetUsd;
    }

    public double budgetUsd() {
      return budgetUsd;
    }

    @Override
    public <R> R match(Cases<R> cases) {
      return cases.invalidBudget(this);
    }
  }

  /** A run budget above the pipeline's {@code budget.maxCostUsd}. */
  public static final class BudgetAbovePipeline extends RunServiceException {

    private static final long serialVersionUID = 1L;

    private final double budgetUsd;
    private final double maxCostUsd;

    public BudgetAbovePipeline(double budgetUsd, double maxCostUsd) {
      super("budgetUsd " + budgetUsd + " is above the pipeline's budget of " + maxCostUsd);
      this.budgetUsd = budgetUsd;
      this.maxCostUsd = maxCostUsd;
    }

    public double budgetUsd() {
      return budgetUsd;
    }

    public double maxCostUsd() {
      return maxCostUsd;
    }

    @Override
    public <R> R match(Cases<R> cases) {
      return cases.budgetAbovePipeline(this);
    }
  }

  /** A listing page size outside {@code 1..max}. */
  public static final class InvalidPageSize extends RunServiceException {

    private static final long serialVersionUID = 1L;

    private final int pageSize;

    public InvalidPageSize(int pageSize, int max) {
      super("pageSize must be between 1 and " + max);
      this.pageSize = pageSize;
    }

    public int pageSize() {
      return pageSize;
    }

    @Override
    public <R> R match(Cases<R> cases) {
      return cases.invalidPageSize(this);
    }
  }

  /** A listing status filter that names no run status. */
  public static final class InvalidStatusFilter extends RunServiceException {

    private static final long serialVersionUID = 1L;

    private final String status;

    public InvalidStatusFilter(String status) {
      super(
          "status must be one of running, succeeded, failed, cancelled, terminated, timed_out,"
              + " continued_as_new");
      this.status = requireNonNull(status, "status");
    }

    public String status() {
      return status;
    }

    @Override
    public <R> R match(Cases<R> cases) {
      return cases.invalidStatusFilter(this);
    }
  }

  /** A listing page token this server did not hand out. */
  public static final class InvalidPageToken extends RunServiceException {

    private static final long serialVersionUID = 1L;

    public InvalidPageToken() {
      super("pageToken is not one this server handed out");
    }

    @Override
    public <R> R match(Cases<R> cases) {
      return cases.invalidPageToken(this);
    }
  }

  /** Temporal (or, for a retry, any worker) did not answer; the same call may work later. */
  public static final class TemporalUnavailable extends RunServiceException {

    private static final long serialVersionUID = 1L;

    public TemporalUnavailable(String message) {
      super(requireNonNull(message, "message"));
    }

    @Override
    public <R> R match(Cases<R> cases) {
      return cases.temporalUnavailable(this);
    }
  }
}
