package dev.agenthub.system;

import static dev.agenthub.system.ApiTestClient.ADMIN;
import static dev.agenthub.system.ApiTestClient.OPERATOR;
import static dev.agenthub.system.ApiTestClient.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.api.ApiConfiguration;
import dev.agenthub.system.ApiTestClient.Reply;
import dev.agenthub.testing.Poll;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole application as {@code ./agenthub dev} runs it (embedded Temporal server, worker, API)
 * on free ports, driven over real HTTP.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ApiIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  static final DropwizardAppExtension<ApiConfiguration> APP =
      new DropwizardAppExtension<>(DevApps.support(ResourceHelpers.resourceFilePath("api-it.yml")));

  private static final MockWebServer remote = new MockWebServer();
  private static ApiTestClient api;

  @BeforeAll
  static void start() throws IOException {
    remote.start();
    api = new ApiTestClient(APP.getLocalPort());
  }

  @AfterAll
  static void stop() throws IOException {
    remote.close();
  }

  private static String stepStatus(JsonNode run, String step) {
    for (JsonNode s : run.path("steps")) {
      if (s.path("id").asText().equals(step)) {
        return s.path("status").asText();
      }
    }
    return null;
  }

  @Test
  void concurrentDecisions_onOneWaitingStep_oneIsTaken_theOthersAnswer409() throws Exception {
    Reply started =
        api.post("/api/v1/pipelines/review/runs", OPERATOR, "{\"input\": {\"subject\": \"race\"}}");
    String self = "/api/v1/runs/" + started.body().path("workflowId").asText();
    api.await(self, run -> "waiting_approval".equals(stepStatus(run, "approve")), WAIT);
    List<String> verdicts = List.of("approve", "reject", "approve", "reject");
    ExecutorService callers = Executors.newFixedThreadPool(verdicts.size());
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Reply>> replies = new ArrayList<>();
      for (String verdict : verdicts) {
        replies.add(
            callers.submit(
                () -> {
                  go.await();
                  return api.post(self + "/steps/approve/" + verdict, OPERATOR, "{}");
                }));
      }
      go.countDown();
      List<Reply> answers = new ArrayList<>();
      for (Future<Reply> reply : replies) {
        answers.add(reply.get(30, TimeUnit.SECONDS));
      }

      assertThat(answers).filteredOn(reply -> reply.status() == 202).hasSize(1);
      List<Reply> refused = answers.stream().filter(reply -> reply.status() != 202).toList();
      assertThat(refused)
          .hasSize(3)
          .allSatisfy(
              reply -> {
                assertThat(reply.status()).isEqualTo(409);
                // Another decision won (decision_conflict), or the run has moved on or closed by
                // the time this one arrived (step_not_waiting); never a second acceptance.
                assertThat(reply.body().at("/error/code").asText())
                    .isIn("decision_conflict", "step_not_waiting");
                assertThat(reply.body().at("/error/details/step").asText()).isEqualTo("approve");
              });
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void start_follow_approve_completes() {
    Reply started =
        api.post(
            "/api/v1/pipelines/review/runs", OPERATOR, "{\"input\": {\"subject\": \"launch\"}}");
    assertThat(started.status()).isEqualTo(201);
    String id = started.body().path("workflowId").asText();
    assertThat(id).matches("review-[0-9A-Z]{26}");
    String self = "/api/v1/runs/" + id;

    JsonNode waiting =
        api.await(self, run -> "waiting_approval".equals(stepStatus(run, "approve")), WAIT);
    assertThat(waiting.path("status").asText()).isEqualTo("running");
    assertThat(stepStatus(waiting, "draft")).isEqualTo("succeeded");
    assertThat(waiting.at("/usage/inputTokens").asLong()).isPositive();

    Reply approved =
        api.post(self + "/steps/approve/approve", OPERATOR, "{\"comment\": \"ship it\"}");
    assertThat(approved.status()).isEqualTo(202);

    JsonNode done = api.await(self, run -> run.path("status").asText().equals("succeeded"), WAIT);
    assertThat(done.at("/output/published/by").asText()).isEqualTo("olga");
    assertThat(done.at("/usage/costUsd").asDouble()).isPositive();
    // The embedded server has no Temporal UI, so no run links to one.
    assertThat(done.path("links").has("temporalUi")).isFalse();
    assertThat(done.at("/links/self").asText()).isEqualTo(self);
    assertThat(done.path("startedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

    Reply history = api.get(self + "/history", VIEWER);
    assertThat(history.body().path("events").findValuesAsText("step")).contains("draft", "publish");
  }

  @Test
  void toolCallRequiringApproval_showsInTheRunView_andIsRejectedThroughTheStepRoute() {
    Reply started =
        api.post(
            "/api/v1/pipelines/tool-approval/runs",
            OPERATOR,
            "{\"input\": {\"subject\": \"launch\"}}");
    assertThat(started.status()).isEqualTo(201);
    String self = "/api/v1/runs/" + started.body().path("workflowId").asText();

    JsonNode waiting =
        api.await(self, run -> run.at("/agentLoops/research/waitingApprovals").size() == 1, WAIT);
    JsonNode loop = waiting.at("/agentLoops/research");
    assertThat(loop.path("turn").asInt()).isEqualTo(1);
    assertThat(loop.path("maxTurns").asInt()).isEqualTo(3);
    assertThat(loop.at("/pendingToolCalls/0/name").asText()).isEqualTo("publish");
    String callId = loop.at("/waitingApprovals/0").asText();
    Reply notACall =
        api.post(self + "/steps/research/approve", OPERATOR, "{\"callId\": \"call_none\"}");
    assertThat(notACall.status()).isEqualTo(409);

    Reply rejected =
        api.post(
            self + "/steps/research/reject",
            OPERATOR,
            "{\"comment\": \"not yet\", \"callId\": \"" + callId + "\"}");
    assertThat(rejected.status()).isEqualTo(202);

    JsonNode done = api.await(self, run -> run.path("status").asText().equals("succeeded"), WAIT);
    assertThat(done.at("/output/calls/0/status").asText()).isEqualTo("rejected");
    assertThat(done.has("agentLoops")).isFalse();
  }

  @Test
  void sameIdempotencyKey_concurrently_startsOneWorkflow() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Reply>> replies = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Callable<Reply> start =
            () ->
                api.send(
                    api.builder("/api/v1/pipelines/review/runs", OPERATOR)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", "concurrent-key")
                        .POST(
                            java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"input\": {\"subject\": \"once\"}}"))
                        .build());
        replies.add(pool.submit(start));
      }
      List<Integer> statuses = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      for (Future<Reply> reply : replies) {
        statuses.add(reply.get().status());
        ids.add(reply.get().body().path("workflowId").asText());
      }
      assertThat(statuses).containsOnly(200, 201).containsOnlyOnce(201);
      assertThat(ids).hasSize(8).containsOnly(ids.get(0));
      api.post(
          "/api/v1/runs/" + ids.get(0) + "/terminate", ADMIN, "{\"reason\": \"test cleanup\"}");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void retry_resumesAtTheFailedStep_withoutCallingEarlierAgentsAgain() {
    remote.enqueue(new MockResponse.Builder().code(500).body("down").build());
    String url = remote.url("/flaky").toString();
    Reply started =
        api.post(
            "/api/v1/pipelines/fetch-chain/runs",
            OPERATOR,
            "{\"input\": {\"url\": \"" + url + "\"}}");
    String id = started.body().path("workflowId").asText();

    JsonNode failed =
        api.await("/api/v1/runs/" + id, run -> run.path("status").asText().equals("failed"), WAIT);
    assertThat(failed.at("/failure/failedStep").asText()).isEqualTo("call");
    assertThat(failed.at("/failure/type").asText()).isEqualTo("StepFailed");

    remote.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"ok\": true}")
            .addHeader("Content-Type", "application/json")
            .build());
    Reply retry = api.post("/api/v1/runs/" + id + "/retry", OPERATOR, null);
    assertThat(retry.status()).isEqualTo(201);
    String retryId = retry.body().path("workflowId").asText();

    JsonNode done =
        api.await(
            "/api/v1/runs/" + retryId,
            run -> run.path("status").asText().equals("succeeded"),
            WAIT);
    assertThat(done.path("retryOf").asText()).isEqualTo(id);
    assertThat(done.at("/output/status").asInt()).isEqualTo(200);
    for (JsonNode step : done.path("steps")) {
      boolean earlier = !step.path("id").asText().equals("call");
      assertThat(step.path("reused").asBoolean()).as(step.path("id").asText()).isEqualTo(earlier);
    }
    JsonNode retryHistory = api.get("/api/v1/runs/" + retryId + "/history", VIEWER).body();
    assertThat(retryHistory.path("events").findValuesAsText("step"))
        .doesNotContain("prepare", "summarize");
    assertThat(remote.getRequestCount()).isEqualTo(2);
    assertThat(api.get("/api/v1/runs/" + id, VIEWER).body().path("retriedBy").asText())
        .isEqualTo(retryId);
  }

  @Test
  void adminPort_reportsTemporalAndPipelineHealth() {
    ApiTestClient admin = new ApiTestClient(APP.getAdminPort());

    Reply health = admin.get("/healthcheck", null);

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body().at("/temporal/healthy").asBoolean()).isTrue();
    assertThat(health.body().at("/pipelines/healthy").asBoolean()).isTrue();
  }

  @Test
  void adminMetrics_servesApiAndWorkerMetrics_inBothFormats() throws Exception {
    Reply started =
        api.post(
            "/api/v1/pipelines/review/runs", OPERATOR, "{\"input\": {\"subject\": \"metrics\"}}");
    String id = started.body().path("workflowId").asText();
    api.await("/api/v1/runs/" + id, run -> run.path("status").asText().equals("running"), WAIT);
    ApiTestClient admin = new ApiTestClient(APP.getAdminPort());
    // Temporal's metrics scope reports workflow counters once a second: wait for the flush.
    Reply text =
        Poll.until(
            "the admin /metrics to count the review run",
            WAIT,
            () -> admin.send(admin.builder("/metrics", null).GET().build()),
            reply ->
                reply
                    .raw()
                    .body()
                    .contains("agenthub_pipeline_runs_started_total{pipeline=\"review\"}"));
    Reply openMetrics =
        admin.send(
            admin
                .builder("/metrics", null)
                .header("Accept", "application/openmetrics-text; version=1.0.0")
                .GET()
                .build());

    assertThat(text.status()).isEqualTo(200);
    assertThat(text.raw().headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/plain; version=0.0.4");
    assertThat(text.raw().body())
        .containsPattern(
            "http_server_requests_seconds_count\\{method=\"GET\","
                + "route=\"/api/v1/runs/\\{[a-zA-Z]+}\",status=\"200\"} [1-9]")
        .contains("agenthub_pipeline_runs_started_total{pipeline=\"review\"}")
        .contains("temporal_workflow_task_schedule_to_start_latency_seconds_bucket")
        .contains("jvm_gc_")
        .doesNotContain(id);
    assertThat(openMetrics.raw().headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/openmetrics-text");
    assertThat(openMetrics.raw().body()).endsWith("# EOF\n");
    assertThat(promtoolCheckMetrics(text.raw().body()))
        .as("promtool check metrics on our own series")
        .noneMatch(line -> line.startsWith("agenthub_"));
  }

  /**
   * The lines {@code promtool check metrics} says about {@code scrape} (Temporal's are upstream's).
   */
  private static List<String> promtoolCheckMetrics(String scrape) throws Exception {
    Path promtool = TestTools.requireDeployed("promtool", "prom/prometheus");
    Process process =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(scrape.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return output.lines().toList();
  }
}
