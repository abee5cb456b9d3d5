package dev.agenthub.api.runs;

import static dev.agenthub.api.runs.ResourceTestSupport.ADMIN_KEY;
import static dev.agenthub.api.runs.ResourceTestSupport.OPERATOR_KEY;
import static dev.agenthub.api.runs.ResourceTestSupport.VIEWER_KEY;
import static dev.agenthub.api.runs.ResourceTestSupport.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class RunsResourceTest {

  private final FakeRunService runs = new FakeRunService();
  private final ResourceExtension resources = ResourceTestSupport.extension(runs);

  @BeforeEach
  void someRuns() {
    runs.add("greet-1", "greet", "running");
    runs.add("greet-2", "greet", "failed");
    runs.add("other-1", "other", "succeeded");
  }

  private Response post(String path, String key, String body) {
    return as(resources.target(path), key).post(body == null ? null : Entity.json(body));
  }

  private static String code(Response response) {
    return response.readEntity(JsonNode.class).at("/error/code").asText();
  }

  @Test
  void list_passesFiltersAndAddsLinks() {
    JsonNode page =
        as(
                resources
                    .target("/api/v1/runs")
                    .queryParam("pipeline", "greet")
                    .queryParam("pageSize", 5),
                VIEWER_KEY)
            .get(JsonNode.class);

    assertThat(page.path("runs")).hasSize(2);
    assertThat(page.at("/runs/0/links/self").asText()).isEqualTo("/api/v1/runs/greet-1");
    assertThat(page.path("listing").asText()).isEqualTo("scan");
    assertThat(runs.calls).containsExactly("list greet null 5 null");
  }

  @Test
  void list_rejectsBadPageSizes() {
    for (String size : new String[] {"0", "101", "ten"}) {
      Response response =
          as(resources.target("/api/v1/runs").queryParam("pageSize", size), VIEWER_KEY).get();
      assertThat(response.getStatus()).as(size).isEqualTo(400);
      assertThat(code(response)).isEqualTo("invalid_page_size");
    }
  }

  @Test
  void describe_returnsTheRunWithLinks_or404() {
    JsonNode run = as(resources.target("/api/v1/runs/greet-1"), VIEWER_KEY).get(JsonNode.class);
    assertThat(run.path("status").asText()).isEqualTo("running");
    assertThat(run.at("/links/temporalUi").asText()).contains("/workflows/greet-1/");

    Response missing = as(resources.target("/api/v1/runs/nope"), VIEWER_KEY).get();
    assertThat(missing.getStatus()).isEqualTo(404);
    assertThat(code(missing)).isEqualTo("run_not_found");
  }

  @Test
  void history_isReadableByDefault_temporalOnRequest_andRejectsOtherFormats() {
    JsonNode readable =
        as(resources.target("/api/v1/runs/greet-1/history"), VIEWER_KEY).get(JsonNode.class);
    assertThat(readable.at("/events/0/type").asText()).isEqualTo("WORKFLOW_EXECUTION_STARTED");

    JsonNode temporal =
        as(
                resources.target("/api/v1/runs/greet-1/history").queryParam("format", "temporal"),
                OPERATOR_KEY)
            .get(JsonNode.class);
    assertThat(temporal.has("events")).isTrue();

    Response other =
        as(resources.target("/api/v1/runs/greet-1/history").queryParam("format", "xml"), VIEWER_KEY)
            .get();
    assertThat(other.getStatus()).isEqualTo(400);
    assertThat(code(other)).isEqualTo("invalid_format");
  }

  @Test
  void history_refusesTheTemporalFormat_toViewers() {
    Response raw =
        as(
                resources.target("/api/v1/runs/greet-1/history").queryParam("format", "temporal"),
                VIEWER_KEY)
            .get();

    assertThat(raw.getStatus()).isEqualTo(403);
    JsonNode error = raw.readEntity(JsonNode.class).get("error");
    assertThat(error.get("code").asText()).isEqualTo("forbidden");
    assertThat(error.at("/details/required").asText()).isEqualTo("operator");
  }

  @Test
  void cancel_isAccepted_for_runningRuns_andConflictsOtherwise() {
    Response accepted = post("/api/v1/runs/greet-1/cancel", OPERATOR_KEY, null);
    assertThat(accepted.getStatus()).isEqualTo(202);
    assertThat(accepted.readEntity(JsonNode.class).at("/links/temporalUi").asText())
        .isEqualTo(
            "http://temporal-ui:8233/namespaces/default/workflows/greet-1/run-greet-1/history");
    Response closed = post("/api/v1/runs/greet-2/cancel", OPERATOR_KEY, null);
    assertThat(closed.getStatus()).isEqualTo(409);
    assertThat(code(closed)).isEqualTo("run_not_running");
  }

  @Test
  void terminate_needsAReason_andRecordsWhoDidIt() {
    Response noReason = post("/api/v1/runs/greet-1/terminate", ADMIN_KEY, "{}");
    assertThat(noReason.getStatus()).isEqualTo(422);
    assertThat(code(noReason)).isEqualTo("reason_required");

    Response terminated =
        post("/api/v1/runs/greet-1/terminate", ADMIN_KEY, "{\"reason\": \"stuck\"}");
    assertThat(terminated.getStatus()).isEqualTo(202);
    assertThat(terminated.readEntity(JsonNode.class).at("/links/temporalUi").asText())
        .isEqualTo(
            "http://temporal-ui:8233/namespaces/default/workflows/greet-1/run-greet-1/history");
    assertThat(runs.lastTerminateReason).isEqualTo("stuck");
    assertThat(runs.lastTerminatedBy).isEqualTo("ada");
  }

  @Test
  void approveAndReject_sendTheDecisionWithCommentAndCaller() {
    Response approved =
        post("/api/v1/runs/greet-1/steps/review/approve", OPERATOR_KEY, "{\"comment\": \"lgtm\"}");
    assertThat(approved.getStatus()).isEqualTo(202);
    assertThat(approved.readEntity(JsonNode.class).at("/links/temporalUi").asText())
        .isEqualTo(
            "http://temporal-ui:8233/namespaces/default/workflows/greet-1/run-greet-1/history");
    assertThat(runs.lastDecision.approved()).isTrue();
    assertThat(runs.lastDecision.stepId()).isEqualTo("review");
    assertThat(runs.lastDecision.comment()).isEqualTo("lgtm");
    assertThat(runs.lastDecision.decidedBy()).isEqualTo("olga");

    assertThat(post("/api/v1/runs/greet-1/steps/review/reject", OPERATOR_KEY, null).getStatus())
        .isEqualTo(202);
    assertThat(runs.lastDecision.approved()).isFalse();
  }

  @Test
  void retry_startsALinkedRun_onlyForRunsThatDidNotSucceed() {
    Response retried = post("/api/v1/runs/greet-2/retry", OPERATOR_KEY, null);
    assertThat(retried.getStatus()).isEqualTo(201);
    assertThat(retried.readEntity(JsonNode.class).path("workflowId").asText())
        .isEqualTo("greet-2.retry");

    Response succeeded = post("/api/v1/runs/other-1/retry", OPERATOR_KEY, null);
    assertThat(succeeded.getStatus()).isEqualTo(409);
    assertThat(code(succeeded)).isEqualTo("run_not_retryable");
  }

  @Test
  void rerun_startsAFreshRun() {
    Response rerun = post("/api/v1/runs/other-1/rerun", OPERATOR_KEY, null);
    assertThat(rerun.getStatus()).isEqualTo(201);
    assertThat(rerun.getLocation().getPath()).startsWith("/api/v1/runs/other-");
  }

  @Test
  void malformedRunIds_areRejected() {
    Response response = as(resources.target("/api/v1/runs/bad%20id"), VIEWER_KEY).get();
    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(code(response)).isEqualTo("invalid_workflow_id");
  }
}
