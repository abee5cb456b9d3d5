package dev.agenthub.api.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.api.errors.ApiException;
import dev.agenthub.api.errors.RunServiceErrors;
import dev.agenthub.dsl.BudgetDefinition;
import dev.agenthub.dsl.PipelineDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunRequestsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void idempotentWorkflowId_isStablePerPipelineAndKey() {
    String id = RunRequests.idempotentWorkflowId("brief", "k1");

    assertThat(id).matches("brief-idem-[0-9a-f]{26}");
    assertThat(RunRequests.idempotentWorkflowId("brief", "k1")).isEqualTo(id);
    assertThat(RunRequests.idempotentWorkflowId("brief", "k2")).isNotEqualTo(id);
    assertThat(RunRequests.idempotentWorkflowId("other", "k1"))
        .startsWith("other-idem-")
        .doesNotEndWith(id.substring("brief-idem-".length()));
  }

  @Test
  void requestHash_ignoresKeyOrderAndWhitespace_butNotValues() throws Exception {
    JsonNode a = JSON.readTree("{\"b\": [1, {\"y\": 2, \"x\": 1}], \"a\": \"s\"}");
    JsonNode b = JSON.readTree("{\"a\":\"s\",\"b\":[1,{\"x\":1,\"y\":2}]}");
    JsonNode c = JSON.readTree("{\"a\":\"s\",\"b\":[{\"x\":1,\"y\":2},1]}");

    assertThat(RunRequests.requestHash(a, 0.5)).isEqualTo(RunRequests.requestHash(b, 0.5));
    assertThat(RunRequests.requestHash(a, 0.5)).isNotEqualTo(RunRequests.requestHash(c, 0.5));
    assertThat(RunRequests.requestHash(a, 0.5)).isNotEqualTo(RunRequests.requestHash(a, null));
  }

  @Test
  void checkBudget_acceptsUpToThePipelinesBudget() {
    PipelineDefinition pipeline =
        new PipelineDefinition(
            "p", "1", "", null, List.of(), new BudgetDefinition(1.0), null, null);

    RunRequests.checkBudget(pipeline, null);
    RunRequests.checkBudget(pipeline, 1.0);
    assertThat(http(() -> RunRequests.checkBudget(pipeline, 1.01)))
        .extracting(ApiException::status, ApiException::code)
        .containsExactly(422, "budget_above_pipeline");
    assertThat(http(() -> RunRequests.checkBudget(pipeline, Double.NaN)).code())
        .isEqualTo("invalid_budget");
  }

  @Test
  void checkCallerWorkflowId_refusesIdsThePlatformDerives() {
    String idempotent = RunRequests.idempotentWorkflowId("brief", "k1");

    assertThat(http(() -> RunRequests.checkCallerWorkflowId("brief-1.retry")))
        .extracting(ApiException::status, ApiException::code)
        .containsExactly(400, "reserved_workflow_id");
    assertThat(http(() -> RunRequests.checkCallerWorkflowId(idempotent)))
        .extracting(ApiException::status, ApiException::code)
        .containsExactly(400, "reserved_workflow_id");
  }

  @Test
  void checkCallerWorkflowId_acceptsOtherIdsAndNone() {
    RunRequests.checkCallerWorkflowId(null);
    RunRequests.checkCallerWorkflowId("brief-1");
    RunRequests.checkCallerWorkflowId("brief-1.retry-later");
    RunRequests.checkCallerWorkflowId("brief-idem-short");
  }

  @Test
  void checkRetryOf_refusesARetryIdTakenByAnotherRun() {
    RunRestarts.checkRetryOf("brief-1", "brief-1.retry", "brief-1");

    assertThat(http(() -> RunRestarts.checkRetryOf("brief-1", "brief-1.retry", null)))
        .extracting(ApiException::status, ApiException::code)
        .containsExactly(409, "retry_id_taken");
    assertThat(http(() -> RunRestarts.checkRetryOf("brief-1", "brief-1.retry", "brief-2")).code())
        .isEqualTo("retry_id_taken");
  }

  private static ApiException http(Runnable call) {
    return RunServiceErrors.http(catchThrowableOfType(RunServiceException.class, call::run));
  }
}
