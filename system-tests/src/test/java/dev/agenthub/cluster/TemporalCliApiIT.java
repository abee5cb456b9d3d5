package dev.agenthub.cluster;

import static dev.agenthub.system.ApiTestClient.ADMIN;
import static dev.agenthub.system.ApiTestClient.OPERATOR;
import static dev.agenthub.system.ApiTestClient.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.api.ApiConfiguration;
import dev.agenthub.devkit.AgentHubMain;
import dev.agenthub.devkit.DevCommand;
import dev.agenthub.devkit.DevServer;
import dev.agenthub.devkit.TemporalCliServer;
import dev.agenthub.run.PipelineWorkflowImpl;
import dev.agenthub.system.ApiTestClient;
import dev.agenthub.system.ApiTestClient.Reply;
import dev.agenthub.telemetry.Telemetry;
import dev.agenthub.testing.Poll;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.temporal.testing.WorkflowReplayer;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole-app API tests against the real Temporal server (the CLI dev server): visibility listing
 * with filters and paging, describe, history that replays, approve, cancel, terminate, retry.
 */
class TemporalCliApiIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private static TemporalCliServer temporal;
  private static DropwizardTestSupport<ApiConfiguration> app;
  private static ApiTestClient api;
  private static final MockWebServer remote = new MockWebServer();

  @BeforeAll
  static void start() throws Exception {
    temporal = TemporalCli.server("api");
    temporal.start();
    app =
        new DropwizardTestSupport<>(
            AgentHubMain.class,
            ResourceHelpers.resourceFilePath("api-cli-it.yml"),
            (String) null,
            application -> new DevCommand(System.out, Telemetry::start, DevServer.NONE),
            ConfigOverride.config("temporal.target", "127.0.0.1:" + temporal.port()),
            ConfigOverride.config("temporal.uiBaseUrl", temporal.uiBaseUrl()));
    app.before();
    api = new ApiTestClient(app.getLocalPort());
    remote.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.after();
    }
    if (temporal != null) {
      temporal.close();
    }
    remote.close();
  }

  private static String start(String pipeline, String input) {
    Reply reply =
        api.post("/api/v1/pipelines/" + pipeline + "/runs", OPERATOR, "{\"input\": " + input + "}");
    assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
    return reply.body().path("workflowId").asText();
  }

  private static JsonNode awaitStatus(String id, String status) {
    return api.await("/api/v1/runs/" + id, run -> run.path("status").asText().equals(status), WAIT);
  }

  private static JsonNode awaitWaiting(String id) {
    return api.await(
        "/api/v1/runs/" + id,
        run -> run.path("steps").findValuesAsText("status").contains("waiting_approval"),
        WAIT);
  }

  @Test
  void list_usesVisibility_withPipelineAndStatusFilters_andPaging() {
    List<String> quick = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      quick.add(start("quick", "{}"));
    }
    String waiting = start("review", "{\"subject\": \"listing\"}");
    quick.forEach(id -> awaitStatus(id, "succeeded"));
    awaitWaiting(waiting);

    JsonNode page =
        api.await(
            "/api/v1/runs?pipeline=quick&status=succeeded&pageSize=2",
            p -> p.path("runs").size() == 2 && !p.path("nextPageToken").isNull(),
            WAIT);
    assertThat(page.path("listing").asText()).isEqualTo("visibility");
    assertThat(page.path("runs").findValuesAsText("pipeline")).containsOnly("quick");
    Set<String> seen = new HashSet<>(page.path("runs").findValuesAsText("workflowId"));
    String token = page.path("nextPageToken").asText();
    JsonNode next =
        api.get(
                "/api/v1/runs?pipeline=quick&status=succeeded&pageSize=2&pageToken=" + token,
                VIEWER)
            .body();
    next.path("runs")
        .findValuesAsText("workflowId")
        .forEach(id -> assertThat(seen.add(id)).as(id).isTrue());
    assertThat(seen).containsAll(quick);

    JsonNode running =
        api.await(
            "/api/v1/runs?status=running&pipeline=review",
            p -> p.path("runs").findValuesAsText("workflowId").contains(waiting),
            WAIT);
    assertThat(running.path("runs").findValuesAsText("status")).containsOnly("running");
    api.post(
        "/api/v1/runs/" + waiting + "/terminate", ADMIN, "{\"reason\": \"listing test done\"}");
  }

  @Test
  void list_showsARunItsPipelineTimeoutClosed_asTimedOut_andFiltersOnIt() {
    String late = start("deadline", "{}");
    String failed = start("retrying-fetch", "{\"url\": \"http://127.0.0.1:1/refused\"}");
    assertThat(awaitStatus(late, "timed_out").at("/failure/type").asText())
        .isEqualTo("RunTimedOut");
    awaitStatus(failed, "failed");

    JsonNode timedOut =
        api.await(
            "/api/v1/runs?status=timed_out",
            p -> p.path("runs").findValuesAsText("workflowId").contains(late),
            WAIT);
    assertThat(timedOut.path("listing").asText()).isEqualTo("visibility");
    assertThat(timedOut.path("runs").findValuesAsText("status")).containsOnly("timed_out");
    assertThat(timedOut.path("runs").findValuesAsText("workflowId")).doesNotContain(failed);
    JsonNode failures =
        api.await(
            "/api/v1/runs?status=failed",
            p -> p.path("runs").findValuesAsText("workflowId").contains(failed),
            WAIT);
    assertThat(failures.path("runs").findValuesAsText("workflowId")).doesNotContain(late);
    assertThat(failures.path("runs").findValuesAsText("status")).containsOnly("failed");
    JsonNode all = api.get("/api/v1/runs?pipeline=deadline&pageSize=100", VIEWER).body();
    assertThat(all.path("runs"))
        .filteredOn(run -> run.path("workflowId").asText().equals(late))
        .singleElement()
        .satisfies(run -> assertThat(run.path("status").asText()).isEqualTo("timed_out"));
  }

  @Test
  void eventsAndWait_onTheRealServer_followARunThroughItsApprovalToItsClose() throws Exception {
    String id = start("review", "{\"subject\": \"stream\"}");
    awaitWaiting(id);
    assertThat(api.get("/api/v1/runs/" + id + "?wait=1s", VIEWER).status()).isEqualTo(202);

    List<String> lines = new CopyOnWriteArrayList<>();
    HttpResponse<Stream<String>> stream =
        HttpClient.newHttpClient()
            .send(
                api.builder("/api/v1/runs/" + id + "/events", VIEWER).GET().build(),
                HttpResponse.BodyHandlers.ofLines());
    assertThat(stream.statusCode()).isEqualTo(200);
    Thread reader = new Thread(() -> stream.body().forEach(lines::add));
    reader.setDaemon(true);
    reader.start();
    Poll.untilTrue(
        "approval_waiting streamed", WAIT, () -> lines.contains("event: approval_waiting"));
    assertThat(api.post("/api/v1/runs/" + id + "/steps/approve/approve", OPERATOR, null).status())
        .isEqualTo(202);
    Poll.untilTrue("run_closed streamed", WAIT, () -> lines.contains("event: run_closed"));
    reader.join(WAIT.toMillis());

    assertThat(lines.stream().filter(line -> line.startsWith("event: ")).toList())
        .containsExactly(
            "event: run_started",
            "event: step_started",
            "event: step_succeeded",
            "event: approval_waiting",
            "event: step_succeeded",
            "event: step_started",
            "event: step_succeeded",
            "event: run_closed");
    assertThat(reader.isAlive()).as("the stream ends after run_closed").isFalse();
    Reply closed = api.get("/api/v1/runs/" + id + "?wait=30s", VIEWER);
    assertThat(closed.status()).isEqualTo(200);
    assertThat(closed.body().path("status").asText()).isEqualTo("succeeded");
  }

  @Test
  void approve_completes_andTheTemporalHistoryReplays() {
    String id = start("review", "{\"subject\": \"replay\"}");
    awaitWaiting(id);
    assertThat(api.post("/api/v1/runs/" + id + "/steps/approve/approve", OPERATOR, null).status())
        .isEqualTo(202);
    JsonNode done = awaitStatus(id, "succeeded");
    assertThat(done.at("/links/temporalUi").asText())
        .startsWith(temporal.uiBaseUrl() + "/namespaces/default/workflows/" + id);

    Reply history = api.get("/api/v1/runs/" + id + "/history?format=temporal", OPERATOR);
    assertThat(history.status()).isEqualTo(200);
    assertThatCode(
            () ->
                WorkflowReplayer.replayWorkflowExecution(
                    history.raw().body(), PipelineWorkflowImpl.class))
        .doesNotThrowAnyException();
    assertThat(
            api.get("/api/v1/runs/" + id + "/history", VIEWER)
                .body()
                .path("events")
                .findValuesAsText("step"))
        .contains("draft", "approve", "publish");
  }

  @Test
  void temporalUiLink_showsTheRunAndItsActivities_inARealBrowser() throws Exception {
    remote.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    String id = start("fetch-chain", "{\"url\": \"" + remote.url("/ui") + "\"}");
    JsonNode done = awaitStatus(id, "succeeded");
    Path screenshot = Path.of("target", "screenshots", "temporal-ui-run.png").toAbsolutePath();

    BrowserCheck.Result check =
        BrowserCheck.open(
            done.at("/links/temporalUi").asText(),
            id,
            screenshot,
            "Completed",
            "transform",
            "llm",
            "http");

    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).contains("\"ok\":true");
    assertThat(Files.size(screenshot)).isPositive();
  }

  @Test
  void cancel_andTerminate_closeWaitingRuns() {
    String cancelled = start("review", "{\"subject\": \"cancel\"}");
    String terminated = start("review", "{\"subject\": \"terminate\"}");
    awaitWaiting(cancelled);
    awaitWaiting(terminated);

    assertThat(api.post("/api/v1/runs/" + cancelled + "/cancel", OPERATOR, null).status())
        .isEqualTo(202);
    assertThat(
            api.post(
                    "/api/v1/runs/" + terminated + "/terminate",
                    ADMIN,
                    "{\"reason\": \"no longer needed\"}")
                .status())
        .isEqualTo(202);

    assertThat(awaitStatus(cancelled, "cancelled").at("/failure/type").asText())
        .isEqualTo("Cancelled");
    JsonNode term = awaitStatus(terminated, "terminated");
    assertThat(term.at("/failure/message").asText()).contains("no longer needed").contains("ada");
    assertThat(api.post("/api/v1/runs/" + cancelled + "/cancel", OPERATOR, null).status())
        .isEqualTo(409);
  }

  @Test
  void runView_showsARetryingStep_scheduledWithItsNextAttempt() throws Exception {
    try (MockWebServer flaky = new MockWebServer()) {
      flaky.enqueue(new MockResponse.Builder().code(503).body("busy").build());
      flaky.enqueue(new MockResponse.Builder().code(503).body("busy").build());
      flaky.enqueue(
          new MockResponse.Builder()
              .code(200)
              .body("{}")
              .addHeader("Content-Type", "application/json")
              .build());
      flaky.start();
      String id = start("retrying-fetch", "{\"url\": \"" + flaky.url("/flaky") + "\"}");

      JsonNode waiting =
          api.await(
              "/api/v1/runs/" + id,
              run -> run.at("/steps/0/activity/state").asText().equals("scheduled"),
              WAIT);

      JsonNode fetch = waiting.at("/steps/0");
      assertThat(fetch.path("status").asText()).isEqualTo("running");
      assertThat(fetch.at("/activity/nextAttemptAt").asText()).isNotBlank();
      assertThat(fetch.at("/activity/lastFailure/type").asText()).isEqualTo("AgentRemoteError");
      assertThat(fetch.at("/activity/lastFailure/message").asText()).contains("503");
      assertThat(fetch.at("/activity/maximumAttempts").asInt()).isEqualTo(3);
      assertThat(fetch.path("attempts").asInt())
          .as("attempts begun: the next one waits")
          .isEqualTo(fetch.at("/activity/attempt").asInt() - 1)
          .isPositive();
      JsonNode done = awaitStatus(id, "succeeded");
      assertThat(done.at("/steps/0/attempts").asInt()).isEqualTo(3);
      assertThat(done.at("/steps/0").has("activity")).isFalse();
    }
  }

  @Test
  void retry_resumesAtTheFailedStep() {
    remote.enqueue(new MockResponse.Builder().code(500).body("down").build());
    String id = start("fetch-chain", "{\"url\": \"" + remote.url("/x") + "\"}");
    awaitStatus(id, "failed");
    remote.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{}")
            .addHeader("Content-Type", "application/json")
            .build());

    Reply retry = api.post("/api/v1/runs/" + id + "/retry", OPERATOR, null);
    assertThat(retry.status()).isEqualTo(201);
    JsonNode done = awaitStatus(retry.body().path("workflowId").asText(), "succeeded");
    assertThat(done.path("steps").findValuesAsText("reused"))
        .containsExactly("true", "true", "false");
    assertThat(api.post("/api/v1/runs/" + id + "/retry", OPERATOR, null).status()).isEqualTo(200);
  }

  @Test
  void start_withABigInputUnderTheLimit_runs_andOneOverItGets413() {
    // 500 KiB: under runs.maxInputBytes (512 KiB), and a start payload the real server accepts.
    String big = "{\"blob\": \"" + "x".repeat(500 * 1024) + "\"}";

    String id = start("quick", big);
    awaitStatus(id, "succeeded");

    Reply tooBig =
        api.post(
            "/api/v1/pipelines/quick/runs",
            OPERATOR,
            "{\"input\": {\"blob\": \"" + "x".repeat(600 * 1024) + "\"}}");
    assertThat(tooBig.status()).isEqualTo(413);
    assertThat(tooBig.errorCode()).isEqualTo("input_too_large");
    assertThat(tooBig.body().at("/error/details/limitBytes").asLong()).isEqualTo(512 * 1024);
  }
}
