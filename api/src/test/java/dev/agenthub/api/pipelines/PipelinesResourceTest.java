package dev.agenthub.api.pipelines;

import static dev.agenthub.api.runs.ResourceTestSupport.OPERATOR_KEY;
import static dev.agenthub.api.runs.ResourceTestSupport.VIEWER_KEY;
import static dev.agenthub.api.runs.ResourceTestSupport.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.api.runs.FakeRunService;
import dev.agenthub.api.runs.ResourceTestSupport;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class PipelinesResourceTest {

  private final FakeRunService runs = new FakeRunService();
  private final ResourceExtension resources = ResourceTestSupport.extension(runs);

  private Response start(String pipeline, String body, String idempotencyKey) {
    var request = as(resources.target("/api/v1/pipelines/" + pipeline + "/runs"), OPERATOR_KEY);
    if (idempotencyKey != null) {
      request = request.header("Idempotency-Key", idempotencyKey);
    }
    return request.post(Entity.json(body));
  }

  @Test
  void list_showsValidPipelinesAndReportsInvalidFiles() {
    JsonNode list = as(resources.target("/api/v1/pipelines"), VIEWER_KEY).get(JsonNode.class);

    assertThat(list.at("/pipelines/0/name").asText()).isEqualTo("greet");
    assertThat(list.at("/pipelines/0/inputSchema/required/0").asText()).isEqualTo("name");
    assertThat(list.at("/invalid/0/file").asText()).isEqualTo("broken.yml");
    assertThat(list.at("/invalid/0/errors/0").asText())
        .startsWith("steps[0].agent: unknown agent \"lm\"");
  }

  @Test
  void get_returnsTheDefinition_or404NamingKnownPipelines() {
    JsonNode greet =
        as(resources.target("/api/v1/pipelines/greet"), VIEWER_KEY).get(JsonNode.class);
    assertThat(greet.path("version").asText()).isEqualTo("2");
    assertThat(greet.at("/steps/1/kind").asText()).isEqualTo("approval");
    assertThat(greet.path("maxCostUsd").asDouble()).isEqualTo(1.0);

    Response missing = as(resources.target("/api/v1/pipelines/nope"), VIEWER_KEY).get();
    JsonNode error = missing.readEntity(JsonNode.class).path("error");
    assertThat(missing.getStatus()).isEqualTo(404);
    assertThat(error.path("code").asText()).isEqualTo("pipeline_not_found");
    assertThat(error.at("/details/known/0").asText()).isEqualTo("greet");
  }

  @Test
  void get_ofAnInvalidFile_namesItsErrors() {
    Response broken = as(resources.target("/api/v1/pipelines/broken"), VIEWER_KEY).get();

    JsonNode error = broken.readEntity(JsonNode.class).path("error");
    assertThat(broken.getStatus()).isEqualTo(404);
    assertThat(error.at("/details/file").asText()).isEqualTo("broken.yml");
    assertThat(error.at("/details/errors/0").asText()).contains("unknown agent \"lm\"");
  }

  @Test
  void start_returns201WithLocationAndLinks() {
    Response response =
        start("greet", "{\"input\": {\"name\": \"Ada\"}, \"budgetUsd\": 0.5}", null);

    JsonNode body = response.readEntity(JsonNode.class);
    assertThat(response.getStatus()).isEqualTo(201);
    assertThat(response.getLocation().getPath()).isEqualTo("/api/v1/runs/greet-1");
    assertThat(body.path("workflowId").asText()).isEqualTo("greet-1");
    assertThat(body.path("status").asText()).isEqualTo("running");
    assertThat(body.at("/links/temporalUi").asText())
        .isEqualTo(
            "http://temporal-ui:8233/namespaces/default/workflows/greet-1/run-greet-1/history");
    assertThat(body.has("created")).isFalse();
    assertThat(runs.lastInput.path("name").asText()).isEqualTo("Ada");
    assertThat(runs.lastBudget).isEqualTo(0.5);
  }

  @Test
  void start_fillsInSchemaDefaults_beforeTheRunStarts() {
    assertThat(start("greet", "{\"input\": {\"name\": \"Ada\"}}", null).getStatus()).isEqualTo(201);
    assertThat(runs.lastInput.path("times").asInt()).isEqualTo(1);

    assertThat(start("greet", "{\"input\": {\"name\": \"Ada\", \"times\": 3}}", null).getStatus())
        .isEqualTo(201);
    assertThat(runs.lastInput.path("times").asInt()).isEqualTo(3);
  }

  @Test
  void start_withTheSameIdempotencyKey_returns200AndTheSameRun() {
    Response first = start("greet", "{\"input\": {\"name\": \"Ada\"}}", "key-1");
    Response second = start("greet", "{\"input\": {\"name\": \"Ada\"}}", "key-1");

    assertThat(first.getStatus()).isEqualTo(201);
    assertThat(second.getStatus()).isEqualTo(200);
    assertThat(second.readEntity(JsonNode.class).path("workflowId").asText())
        .isEqualTo(first.readEntity(JsonNode.class).path("workflowId").asText());
  }

  @Test
  void start_withInputViolatingTheSchema_namesEachJsonPointer() {
    Response response =
        start("greet", "{\"input\": {\"name\": \"\", \"times\": \"x\", \"extra\": 1}}", null);

    JsonNode error = response.readEntity(JsonNode.class).path("error");
    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(error.path("code").asText()).isEqualTo("invalid_input");
    assertThat(error.at("/details/errors").findValuesAsText("path")).contains("/name", "/times");
    assertThat(runs.calls).isEmpty();
  }

  @Test
  void start_rejectsBadWorkflowIdsAndKeysAndNonObjectInput() {
    assertThat(
            start("greet", "{\"input\": {\"name\": \"a\"}, \"workflowId\": \"has space\"}", null)
                .getStatus())
        .isEqualTo(400);
    assertThat(start("greet", "{\"input\": [1]}", null).getStatus()).isEqualTo(400);
    assertThat(start("greet", "{\"input\": {\"name\": \"a\"}}", "k".repeat(201)).getStatus())
        .isEqualTo(400);
    assertThat(runs.calls).isEmpty();
  }

  @Test
  void start_withInputOverMaxInputBytes_answers413InputTooLarge_withTheLimit() {
    String name = "x".repeat(600 * 1024);

    Response response = start("greet", "{\"input\": {\"name\": \"" + name + "\"}}", null);

    JsonNode error = response.readEntity(JsonNode.class).path("error");
    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(error.path("code").asText()).isEqualTo("input_too_large");
    assertThat(error.at("/details/limitBytes").asLong()).isEqualTo(512 * 1024);
    assertThat(error.at("/details/sizeBytes").asLong()).isGreaterThan(600 * 1024);
    assertThat(runs.calls).isEmpty();
  }
}
