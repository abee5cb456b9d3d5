package dev.agenthub.api.errors;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The status, code and details each run service failure is answered with; the API pins these. */
class RunServiceErrorsTest {

  static Stream<Arguments> table() {
    return Stream.of(
        row(new RunNotFound("r-1"), 404, "run_not_found", Map.of()),
        row(new StepNotFound("r-1", "draft"), 404, "step_not_found", Map.of()),
        row(new RunAlreadyExists("r-1"), 409, "run_exists", Map.of("workflowId", "r-1")),
        row(
            new ReservedWorkflowId("r-1.retry", "ids ending in .retry name retries"),
            400,
            "reserved_workflow_id",
            Map.of("workflowId", "r-1.retry")),
        row(
            new RetryIdTaken("r-1", "r-1.retry"),
            409,
            "retry_id_taken",
            Map.of("workflowId", "r-1.retry")),
        row(
            new IdempotencyKeyReused("r-1"),
            422,
            "idempotency_key_reused",
            Map.of("workflowId", "r-1")),
        row(
            new RunNotRunning("r-1", "succeeded"),
            409,
            "run_not_running",
            Map.of("status", "succeeded")),
        row(
            StepNotWaiting.inStatus("r-1", "draft", "succeeded"),
            409,
            "step_not_waiting",
            Map.of("step", "draft", "status", "succeeded")),
        row(
            StepNotWaiting.runClosed("r-1", "draft"),
            409,
            "step_not_waiting",
            Map.of("step", "draft")),
        row(
            StepNotWaiting.refusedByRun("r-1", "draft", "step draft is not an approval step"),
            409,
            "step_not_waiting",
            Map.of("step", "draft")),
        row(
            new DecisionConflict("r-1", "review", "step review was already approved by alice"),
            409,
            "decision_conflict",
            Map.of("step", "review")),
        row(
            new RunNotRetryable("r-1", "running"),
            409,
            "run_not_retryable",
            Map.of("status", "running")),
        row(new InvalidBudget(-1.0), 422, "invalid_budget", Map.of("budgetUsd", -1.0)),
        row(
            new BudgetAbovePipeline(2.0, 1.0),
            422,
            "budget_above_pipeline",
            Map.of("budgetUsd", 2.0, "maxCostUsd", 1.0)),
        row(new InvalidPageSize(0, 100), 400, "invalid_page_size", Map.of("pageSize", 0)),
        row(new InvalidStatusFilter("done"), 400, "invalid_status", Map.of("status", "done")),
        row(new InvalidPageToken(), 400, "invalid_page_token", Map.of()),
        row(new TemporalUnavailable("try again"), 503, "temporal_unavailable", Map.of()));
  }

  private static Arguments row(
      RunServiceException failure, int status, String code, Map<String, Object> details) {
    return Arguments.of(failure.getClass().getSimpleName(), failure, status, code, details);
  }

  @ParameterizedTest(name = "{0} -> {2} {3}")
  @MethodSource("table")
  void http_givesEachFailureItsStatusCodeAndDetails(
      String name,
      RunServiceException failure,
      int status,
      String code,
      Map<String, Object> details) {
    ApiException http = RunServiceErrors.http(failure);

    assertThat(http.status()).isEqualTo(status);
    assertThat(http.code()).isEqualTo(code);
    assertThat(http.getMessage()).isEqualTo(failure.getMessage());
    assertThat(http.details()).isEqualTo(details);
  }

  @Test
  void table_coversEveryKindOfFailure() {
    List<Class<?>> tested =
        table().<Class<?>>map(row -> row.get()[1].getClass()).distinct().toList();

    assertThat(tested)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.asList(RunServiceException.class.getPermittedSubclasses()));
  }
}
