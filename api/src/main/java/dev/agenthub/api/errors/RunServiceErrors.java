package dev.agenthub.api.errors;

import dev.agenthub.api.runs.RunServiceException;
import dev.agenthub.api.runs.RunServiceException.BudgetAbovePipeline;
import dev.agenthub.api.runs.RunServiceException.DecisionConflict;
import dev.agenthub.api.runs.RunServiceException.IdempotencyKeyReused;
import dev.agenthub.api.runs.RunServiceException.InvalidBudget;
import dev.agenthub.api.runs.RunServiceException.InvalidPageSize;
import dev.agenthub.api.runs.RunServiceException.InvalidPageToken;
import dev.agenthub.api.runs.RunServiceException.InvalidStatusFilter;
import dev.agenthub.api.runs.RunServiceException.ReservedWorkflowId;
import dev.agenthub.api.runs.RunServiceException.RetryIdTaken;
import dev.agenthub.api.runs.RunServiceException.RunAlreadyExists;
import dev.agenthub.api.runs.RunServiceException.RunNotFound;
import dev.agenthub.api.runs.RunServiceException.RunNotRetryable;
import dev.agenthub.api.runs.RunServiceException.RunNotRunning;
import dev.agenthub.api.runs.RunServiceException.StepNotFound;
import dev.agenthub.api.runs.RunServiceException.StepNotWaiting;
import dev.agenthub.api.runs.RunServiceException.TemporalUnavailable;
import java.util.Map;

/**
 * The one place the run service's failures become HTTP: each kind of {@link RunServiceException}
 * gets its status, error code and details here, and nowhere else.
 *
 * <table>
 *   <caption>Run service failures on the wire</caption>
 *   <tr><th>failure</th><th>status</th><th>code</th><th>details</th></tr>
 *   <tr><td>RunNotFound</td><td>404</td><td>run_not_found</td><td></td></tr>
 *   <tr><td>StepNotFound</td><td>404</td><td>step_not_found</td><td></td></tr>
 *   <tr><td>RunAlreadyExists</td><td>409</td><td>run_exists</td><td>workflowId</td></tr>
 *   <tr><td>ReservedWorkflowId</td><td>400</td><td>reserved_workflow_id</td>
 *       <td>workflowId</td></tr>
 *   <tr><td>RetryIdTaken</td><td>409</td><td>retry_id_taken</td><td>workflowId</td></tr>
 *   <tr><td>RunNotRunning</td><td>409</td><td>run_not_running</td><td>status</td></tr>
 *   <tr><td>StepNotWaiting</td><td>409</td><td>step_not_waiting</td><td>step, status</td></tr>
 *   <tr><td>DecisionConflict</td><td>409</td><td>decision_conflict</td><td>step</td></tr>
 *   <tr><td>RunNotRetryable</td><td>409</td><td>run_not_retryable</td><td>status</td></tr>
 *   <tr><td>IdempotencyKeyReused</td><td>422</td><td>idempotency_key_reused</td>
 *       <td>workflowId</td></tr>
 *   <tr><td>InvalidBudget</td><td>422</td><td>invalid_budget</td><td>budgetUsd</td></tr>
 *   <tr><td>BudgetAbovePipeline</td><td>422</td><td>budget_above_pipeline</td>
 *       <td>budgetUsd, maxCostUsd</td></tr>
 *   <tr><td>InvalidPageSize</td><td>400</td><td>invalid_page_size</td><td>pageSize</td></tr>
 *   <tr><td>InvalidStatusFilter</td><td>400</td><td>invalid_status</td><td>status</td></tr>
 *   <tr><td>InvalidPageToken</td><td>400</td><td>invalid_page_token</td><td></td></tr>
 *   <tr><td>TemporalUnavailable</td><td>503</td><td>temporal_unavailable</td><td></td></tr>
 * </table>
 */
public final class RunServiceErrors {

  private static final Cases TABLE = new Cases();

  private RunServiceErrors() {}

  /** The HTTP error {@code failure} is answered with. */
  public static ApiException http(RunServiceException failure) {
    return failure.match(TABLE);
  }

  private static final class Cases implements RunServiceException.Cases<ApiException> {

    @Override
    public ApiException runNotFound(RunNotFound e) {
      return error(404, "run_not_found", e, Map.of());
    }

    @Override
    public ApiException stepNotFound(StepNotFound e) {
      return error(404, "step_not_found", e, Map.of());
    }

    @Override
    public ApiException runAlreadyExists(RunAlreadyExists e) {
      return error(409, "run_exists", e, Map.of("workflowId", e.workflowId()));
    }

    @Override
    public ApiException reservedWorkflowId(ReservedWorkflowId e) {
      return error(400, "reserved_workflow_id", e, Map.of("workflowId", e.workflowId()));
    }

    @Override
    public ApiException retryIdTaken(RetryIdTaken e) {
      return error(409, "retry_id_taken", e, Map.of("workflowId", e.retryId()));
    }

    @Override
    public ApiException idempotencyKeyReused(IdempotencyKeyReused e) {
      return error(422, "idempotency_key_reused", e, Map.of("workflowId", e.workflowId()));
    }

    @Override
    public ApiException runNotRunning(RunNotRunning e) {
      return error(409, "run_not_running", e, Map.of("status", e.status()));
    }

    @Override
    public ApiException stepNotWaiting(StepNotWaiting e) {
      return error(
          409,
          "step_not_waiting",
          e,
          e.stepStatus()
              .<Map<String, Object>>map(status -> Map.of("step", e.stepId(), "status", status))
              .orElse(Map.of("step", e.stepId())));
    }

    @Override
    public ApiException decisionConflict(DecisionConflict e) {
      return error(409, "decision_conflict", e, Map.of("step", e.stepId()));
    }

    @Override
    public ApiException runNotRetryable(RunNotRetryable e) {
      return error(409, "run_not_retryable", e, Map.of("status", e.status()));
    }

    @Override
    public ApiException invalidBudget(InvalidBudget e) {
      return error(422, "invalid_budget", e, Map.of("budgetUsd", e.budgetUsd()));
    }

    @Override
    public ApiException budgetAbovePipeline(BudgetAbovePipeline e) {
      return error(
          422,
          "budget_above_pipeline",
          e,
          Map.of("budgetUsd", e.budgetUsd(), "maxCostUsd", e.maxCostUsd()));
    }

    @Override
    public ApiException invalidPageSize(InvalidPageSize e) {
      return error(400, "invalid_page_size", e, Map.of("pageSize", e.pageSize()));
    }

    @Override
    public ApiException invalidStatusFilter(InvalidStatusFilter e) {
      return error(400, "invalid_status", e, Map.of("status", e.status()));
    }

    @Override
    public ApiException invalidPageToken(InvalidPageToken e) {
      return error(400, "invalid_page_token", e, Map.of());
    }

    @Override
    public ApiException temporalUnavailable(TemporalUnavailable e) {
      return error(503, "temporal_unavailable", e, Map.of());
    }

    private static ApiException error(
        int status, String code, RunServiceException e, Map<String, Object> details) {
      return new ApiException(status, code, e.getMessage(), details);
    }
  }
}
