package dev.agenthub.api.runs;

import static dev.agenthub.api.runs.ResourceTestSupport.OPERATOR_KEY;
import static dev.agenthub.api.runs.ResourceTestSupport.VIEWER_KEY;
import static dev.agenthub.api.runs.ResourceTestSupport.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.cost.Usage;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class RunWaitsAndEventsResourceTest {

  private static final Instant AT = Instant.parse("2026-11-25T00:00:01Z");

  private final FakeRunService runs = new FakeRunService();
  private final ResourceExtension resources = ResourceTestSupport.extension(runs);

  @BeforeEach
  void someRuns() {
    runs.add("greet-1", "greet", "running");
    runs.add("greet-2", "greet", "succeeded");
    runs.events.add(
        new RunEvent(1, "run_started", AT, null, null, null, null, null, "running", null));
    runs.events.add(
        new RunEvent(5, "step_started", AT, "hello", "llm", null, null, null, null, null));
    runs.events.add(
        new RunEvent(
            7,
            "step_succeeded",
            AT,
            "hello",
            "llm",
            1,
            null,
            new Usage("sim", 3, 4, 0.01, true),
            null,
            null));
    runs.events.add(
        new RunEvent(9, "run_closed", AT, null, null, null, null, null, "succeeded", null));
  }

  private static String code(Response response) {
    return response.readEntity(JsonNode.class).at("/error/code").asText();
  }

  @Test
  void describeWithWait_closedRun_answers200WithLinks() {
    Response response =
        as(resources.target("/api/v1/runs/greet-2").queryParam("wait", "30s"), VIEWER_KEY).get();

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.readEntity(JsonNode.class).at("/links/self").asText())
        .isEqualTo("/api/v1/runs/greet-2");
    assertThat(runs.calls).containsExactly("awaitClose greet-2 PT30S");
  }

  @Test
  void describeWithWait_stillRunning_answers202WithTheViewAndLocation() {
    Response response =
        as(resources.target("/api/v1/runs/greet-1").queryParam("wait", "500ms"), VIEWER_KEY).get();

    assertThat(response.getStatus()).isEqualTo(202);
    assertThat(response.getLocation().getPath()).isEqualTo("/api/v1/runs/greet-1");
    assertThat(response.readEntity(JsonNode.class).path("status").asText()).isEqualTo("running");
    assertThat(runs.calls).containsExactly("awaitClose greet-1 PT0.5S");
  }

  @Test
  void wait_outOfBoundsOrMalformed_is400NamingTheParameter() {
    for (String wait : new String[] {"61s", "5m", "soon", "0s", "-1s", ""}) {
      Response describe =
          as(resources.target("/api/v1/runs/greet-1").queryParam("wait", wait), VIEWER_KEY).get();
      assertThat(describe.getStatus()).as(wait).isEqualTo(400);
      JsonNode error = describe.readEntity(JsonNode.class).path("error");
      assertThat(error.path("code").asText()).isEqualTo("invalid_wait");
      assertThat(error.path("message").asText()).startsWith("wait must be");

      Response start =
          as(
                  resources.target("/api/v1/pipelines/greet/runs").queryParam("wait", wait),
                  OPERATOR_KEY)
              .post(Entity.json("{\"input\": {\"name\": \"x\"}}"));
      assertThat(start.getStatus()).as(wait).isEqualTo(400);
      assertThat(code(start)).isEqualTo("invalid_wait");
    }
    assertThat(runs.calls).isEmpty();
  }

  @Test
  void startWithWait_waitsForTheStartedRun() {
    Response response =
        as(resources.target("/api/v1/pipelines/greet/runs").queryParam("wait", "1m"), OPERATOR_KEY)
            .post(Entity.json("{\"input\": {\"name\": \"x\"}, \"workflowId\": \"greet-w\"}"));

    assertThat(response.getStatus()).isEqualTo(202);
    assertThat(response.readEntity(JsonNode.class).path("workflowId").asText())
        .isEqualTo("greet-w");
    assertThat(runs.calls).last().isEqualTo("awaitClose greet-w PT1M");
  }

  @Test
  void events_streamsServerSentEventsWithHistoryIds() {
    Response response =
        as(resources.target("/api/v1/runs/greet-2/events"), VIEWER_KEY)
            .accept(MediaType.SERVER_SENT_EVENTS_TYPE)
            .get();

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getMediaType().toString()).startsWith("text/event-stream");
    String body = response.readEntity(String.class);
    assertThat(body)
        .contains("event: step_succeeded\nid: 7\n")
        .contains("\"usage\":{\"model\":\"sim\"")
        .contains("event: run_closed\nid: 9\n");
    assertThat(body.indexOf("id: 5")).isLessThan(body.indexOf("id: 7"));
    assertThat(runs.calls).containsExactly("follow greet-2 after 0");
  }

  @Test
  void events_lastEventId_resumesAfterIt_andMustBeAnId() {
    String body =
        as(resources.target("/api/v1/runs/greet-2/events"), VIEWER_KEY)
            .accept(MediaType.SERVER_SENT_EVENTS_TYPE)
            .header("Last-Event-ID", "5")
            .get(String.class);
    assertThat(body).doesNotContain("id: 1\n").doesNotContain("id: 5\n").contains("id: 7\n");
    assertThat(runs.calls).containsExactly("follow greet-2 after 5");

    Response bad =
        as(resources.target("/api/v1/runs/greet-2/events"), VIEWER_KEY)
            .accept(MediaType.SERVER_SENT_EVENTS_TYPE)
            .header("Last-Event-ID", "yesterday")
            .get();
    assertThat(bad.getStatus()).isEqualTo(400);
    assertThat(code(bad)).isEqualTo("invalid_last_event_id");
  }

  @Test
  void events_unknownRun_is404Json_andAnonymousIs401() {
    Response missing =
        as(resources.target("/api/v1/runs/nope/events"), VIEWER_KEY)
            .accept(MediaType.SERVER_SENT_EVENTS_TYPE, MediaType.APPLICATION_JSON_TYPE)
            .get();
    assertThat(missing.getStatus()).isEqualTo(404);
    assertThat(code(missing)).isEqualTo("run_not_found");

    Response anonymous = as(resources.target("/api/v1/runs/greet-2/events"), null).get();
    assertThat(anonymous.getStatus()).isEqualTo(401);
  }
}
