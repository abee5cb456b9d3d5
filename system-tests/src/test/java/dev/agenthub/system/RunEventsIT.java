package dev.agenthub.system;

import static dev.agenthub.system.ApiTestClient.ADMIN;
import static dev.agenthub.system.ApiTestClient.OPERATOR;
import static dev.agenthub.system.ApiTestClient.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.api.ApiConfiguration;
import dev.agenthub.system.ApiTestClient.Reply;
import dev.agenthub.testing.Poll;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.sse.SseEventSource;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Waiting for runs ({@code ?wait=}) and following them as Server-Sent Events, on the whole dev
 * application (embedded Temporal server, worker, API) over real HTTP, with Jersey's SSE client.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RunEventsIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  static final DropwizardAppExtension<ApiConfiguration> APP =
      new DropwizardAppExtension<>(DevApps.support(ResourceHelpers.resourceFilePath("api-it.yml")));

  private static ApiTestClient api;
  private static Client sseClient;

  /** One received event: its {@code id:}, {@code event:} and parsed {@code data:}. */
  record Received(long id, String type, JsonNode data) {
    String typeAndStep() {
      return type + (data.hasNonNull("step") ? " " + data.get("step").asText() : "");
    }
  }

  @BeforeAll
  static void start() {
    api = new ApiTestClient(APP.getLocalPort());
    sseClient =
        ClientBuilder.newClient()
            .register(
                (ClientRequestFilter)
                    request -> request.getHeaders().add("Authorization", "Bearer " + VIEWER));
  }

  @AfterAll
  static void stop() {
    sseClient.close();
  }

  @Test
  void events_runWithApproval_streamsStepsApprovalAndCloseInOrder_andResumesAfterLastEventId() {
    String id = startReview();
    List<Received> events = new CopyOnWriteArrayList<>();
    try (SseEventSource source =
        SseEventSource.target(sseClient.target(base()).path("/api/v1/runs/" + id + "/events"))
            .build()) {
      source.register(
          event ->
              events.add(
                  new Received(
                      Long.parseLong(event.getId()), event.getName(), parse(event.readData()))));
      source.open();

      Poll.until(
          "approval_waiting streamed",
          WAIT,
          () -> events.stream().map(Received::typeAndStep).toList(),
          seen -> seen.stream().anyMatch(e -> e.startsWith("approval_waiting")));
      assertThat(
              api.post(
                      "/api/v1/runs/" + id + "/steps/approve/approve",
                      OPERATOR,
                      "{\"comment\": \"ship it\"}")
                  .status())
          .isEqualTo(202);
      Poll.until(
          "run_closed streamed",
          WAIT,
          () -> events.stream().map(Received::typeAndStep).toList(),
          seen -> seen.stream().anyMatch(e -> e.startsWith("run_closed")));
    }

    assertThat(events)
        .extracting(Received::typeAndStep)
        .containsExactly(
            "run_started",
            "step_started draft",
            "step_succeeded draft",
            "approval_waiting approve",
            "step_succeeded approve",
            "step_started publish",
            "step_succeeded publish",
            "run_closed");
    assertThat(events).extracting(Received::id).isSorted();
    assertThat(events.get(2).data().at("/usage/inputTokens").asLong()).isPositive();
    assertThat(events.get(2).data().path("agent").asText()).isEqualTo("llm");
    assertThat(events.get(7).data().path("status").asText()).isEqualTo("succeeded");
    assertThat(events.get(7).data().at("/totals/costUsd").asDouble()).isPositive();

    long waitingId = events.get(3).id();
    List<Received> resumed = readClosedStream(id, waitingId);
    assertThat(resumed)
        .extracting(Received::typeAndStep)
        .containsExactly(
            "step_succeeded approve",
            "step_started publish",
            "step_succeeded publish",
            "run_closed");
    assertThat(resumed).extracting(Received::id).allMatch(eventId -> eventId > waitingId);
  }

  @Test
  void events_unknownRun_is404Json() {
    Reply reply = api.get("/api/v1/runs/no-such-run/events", VIEWER);

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.errorCode()).isEqualTo("run_not_found");
  }

  @Test
  void startWithWait_fastRun_answers200WithTheClosedRunInOneCall() {
    Reply reply = api.post("/api/v1/pipelines/quick/runs?wait=30s", OPERATOR, "{}");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().path("status").asText()).isEqualTo("succeeded");
    assertThat(reply.body().path("closedAt").isNull()).isFalse();
    assertThat(reply.body().at("/steps/0/status").asText()).isEqualTo("succeeded");
    assertThat(reply.body().at("/links/self").asText()).startsWith("/api/v1/runs/quick-");
  }

  @Test
  void describeWithWait_runWaitingForApproval_answers202WithTheCurrentViewWhenTheWaitEnds() {
    String id = startReview();
    api.await(
        "/api/v1/runs/" + id,
        run -> run.path("steps").findValuesAsText("status").contains("waiting_approval"),
        WAIT);

    long before = System.nanoTime();
    Reply reply = api.get("/api/v1/runs/" + id + "?wait=2s", VIEWER);
    Duration took = Duration.ofNanos(System.nanoTime() - before);

    assertThat(reply.status()).isEqualTo(202);
    assertThat(reply.body().path("status").asText()).isEqualTo("running");
    assertThat(reply.body().path("steps").findValuesAsText("status")).contains("waiting_approval");
    assertThat(reply.raw().headers().firstValue("Location"))
        .hasValueSatisfying(location -> assertThat(location).endsWith("/api/v1/runs/" + id));
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    api.post("/api/v1/runs/" + id + "/terminate", ADMIN, "{\"reason\": \"test cleanup\"}");
  }

  @Test
  void describeWithWait_runClosingDuringTheWait_answers200AsSoonAsItCloses() {
    String id = startReview();
    api.await(
        "/api/v1/runs/" + id,
        run -> run.path("steps").findValuesAsText("status").contains("waiting_approval"),
        WAIT);
    // Approves while (or, on a slow machine, just before) the waiting request is in flight.
    Thread approver =
        new Thread(() -> api.post("/api/v1/runs/" + id + "/steps/approve/approve", OPERATOR, "{}"));

    long before = System.nanoTime();
    approver.start();
    Reply reply = api.get("/api/v1/runs/" + id + "?wait=50s", VIEWER);
    Duration took = Duration.ofNanos(System.nanoTime() - before);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().path("status").asText()).isEqualTo("succeeded");
    assertThat(reply.body().at("/output/published/by").asText()).isEqualTo("olga");
    assertThat(took).isLessThan(Duration.ofSeconds(25));
  }

  private static String startReview() {
    Reply started =
        api.post("/api/v1/pipelines/review/runs", OPERATOR, "{\"input\": {\"subject\": \"sse\"}}");
    assertThat(started.status()).isEqualTo(201);
    return started.body().path("workflowId").asText();
  }

  /** The events of a closed run's stream after {@code lastEventId}, read to its end. */
  private static List<Received> readClosedStream(String id, long lastEventId) {
    HttpResponse<String> raw =
        api.send(
                api.builder("/api/v1/runs/" + id + "/events", VIEWER)
                    .header("Accept", "text/event-stream")
                    .header("Last-Event-ID", Long.toString(lastEventId))
                    .GET()
                    .build())
            .raw();
    assertThat(raw.statusCode()).isEqualTo(200);
    assertThat(raw.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
    List<Received> events = new ArrayList<>();
    for (String block : raw.body().split("\n\n")) {
      Long eventId = null;
      String type = null;
      String data = null;
      for (String line : (Iterable<String>) Stream.of(block.split("\n"))::iterator) {
        if (line.startsWith("id:")) {
          eventId = Long.parseLong(line.substring(3).strip());
        } else if (line.startsWith("event:")) {
          type = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          data = line.substring(5).strip();
        }
      }
      if (eventId != null) {
        events.add(new Received(eventId, type, parse(data)));
      }
    }
    return events;
  }

  private static String base() {
    return "http://localhost:" + APP.getLocalPort();
  }

  private static JsonNode parse(String data) {
    try {
      return JSON.readTree(data);
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + data, e);
    }
  }
}
