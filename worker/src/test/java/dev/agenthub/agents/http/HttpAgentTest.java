package dev.agenthub.agents.http;

import static dev.agenthub.agents.AgentCalls.call;
import static dev.agenthub.agents.AgentCalls.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agenthub.agents.AgentCall;
import dev.agenthub.agents.AgentCalls;
import dev.agenthub.agents.AgentException;
import dev.agenthub.agents.AgentResult;
import dev.agenthub.agents.AttemptControl;
import dev.agenthub.agents.HangingHttpServer;
import dev.agenthub.cost.Usage;
import dev.agenthub.run.FailureTypes;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpAgentTest {

  private final MockWebServer server = new MockWebServer();
  // The mock server listens on loopback, which the production default refuses.
  private final HttpAgent agent = new HttpAgent(new OkHttpClient(), HttpAgentEgressTest.LOOPBACK);

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String url(String path) {
    return server.url(path).toString();
  }

  private AgentException failure(String arguments) {
    return catchThrowableOfType(AgentException.class, () -> agent.run(call(arguments)));
  }

  @Test
  void run_getsAndParsesJson() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json; charset=utf-8")
            .addHeader("ETag", "\"v1\"")
            .addHeader("X-Internal", "dropped")
            .body("{\"items\": [1, 2], \"next\": null}")
            .build());

    AgentResult result = agent.run(call("{\"url\": \"" + url("/items?page=1") + "\"}"));

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo("/items?page=1");
    assertThat(request.getHeaders().get("Idempotency-Key")).isEqualTo(AgentCalls.IDEMPOTENCY_KEY);
    assertThat(result.output().get("status").asInt()).isEqualTo(200);
    assertThat(result.output().get("body")).isEqualTo(json("{\"items\": [1, 2], \"next\": null}"));
    assertThat(result.output().get("headers").get("etag").asText()).isEqualTo("\"v1\"");
    assertThat(result.output().get("headers").has("x-internal")).isFalse();
    assertThat(result.usage()).isEqualTo(Usage.NONE);
  }

  @Test
  void run_postsJsonBodyWithHeaders() throws Exception {
    server.enqueue(new MockResponse.Builder().code(201).body("created").build());

    AgentResult result =
        agent.run(
            call(
                """
                {"url": "%s", "method": "post", "headers": {"X-Token": "t1"},
                 "body": {"name": "report", "pages": 3}}
                """
                    .formatted(url("/reports"))));

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getHeaders().get("X-Token")).isEqualTo("t1");
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(json(request.getBody().utf8())).isEqualTo(json("{\"name\":\"report\",\"pages\":3}"));
    assertThat(result.output().get("status").asInt()).isEqualTo(201);
    assertThat(result.output().get("body").asText()).isEqualTo("created");
  }

  @Test
  void run_sendsStringBodyAsText() throws Exception {
    server.enqueue(new MockResponse.Builder().code(204).build());

    agent.run(call("{\"url\": \"" + url("/t") + "\", \"method\": \"PUT\", \"body\": \"plain\"}"));

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getHeaders().get("Content-Type")).startsWith("text/plain");
    assertThat(request.getBody().utf8()).isEqualTo("plain");
  }

  @Test
  void run_acceptsListedExpectedStatuses() throws Exception {
    server.enqueue(new MockResponse.Builder().code(404).body("gone").build());

    AgentResult result =
        agent.run(call("{\"url\": \"" + url("/x") + "\", \"expectedStatus\": [200, 404]}"));

    assertThat(result.output().get("status").asInt()).isEqualTo(404);
  }

  @Test
  void run_unexpectedSuccessStatus_isClientError() {
    server.enqueue(new MockResponse.Builder().code(200).body("ok").build());

    AgentException e = failure("{\"url\": \"" + url("/x") + "\", \"expectedStatus\": 201}");

    assertThat(e.type()).isEqualTo(FailureTypes.AGENT_CLIENT_ERROR);
    assertThat(e.getMessage()).contains("HTTP 200");
  }

  @Test
  void run_notFound_isNonRetryable() {
    server.enqueue(
        new MockResponse.Builder()
            .code(404)
            .addHeader("Content-Type", "application/json")
            .body("{\"message\": \"no such report\"}")
            .build());

    AgentException e = failure("{\"url\": \"" + url("/reports/9?token=s3cret") + "\"}");

    assertThat(e.type()).isEqualTo(FailureTypes.AGENT_CLIENT_ERROR);
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("HTTP 404").contains("no such report");
    assertThat(e.getMessage()).doesNotContain("s3cret");
  }

  @Test
  void run_serviceUnavailable_isRetryable() {
    server.enqueue(new MockResponse.Builder().code(503).body("down for maintenance").build());

    AgentException e = failure("{\"url\": \"" + url("/x") + "\"}");

    assertThat(e.type()).isEqualTo(FailureTypes.AGENT_REMOTE_ERROR);
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).contains("HTTP 503");
  }

  @Test
  void run_tooManyRequests_isRetryable() {
    server.enqueue(new MockResponse.Builder().code(429).build());

    assertThat(failure("{\"url\": \"" + url("/x") + "\"}").retryable()).isTrue();
  }

  @Test
  void run_connectionRefused_isRetryable() {
    String url = url("/x");
    server.close();

    AgentException e = failure("{\"url\": \"" + url + "\"}");

    assertThat(e.type()).isEqualTo(FailureTypes.AGENT_REMOTE_ERROR);
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void run_timeout_isRetryable() {
    server.enqueue(new MockResponse.Builder().code(200).headersDelay(2, TimeUnit.SECONDS).build());

    AgentException e = failure("{\"url\": \"" + url("/slow") + "\", \"timeout\": \"200ms\"}");

    assertThat(e.type()).isEqualTo(FailureTypes.AGENT_REMOTE_ERROR);
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void run_timesOutNearTheAttemptsRemainingTime_whenThatIsShorterThanItsOwnTimeout()
      throws Exception {
    try (HangingHttpServer hanging = new HangingHttpServer()) {
      AgentCall call =
          call("{\"url\": \"" + hanging.url("/slow") + "\", \"timeout\": \"1m\"}")
              .withControl(AttemptControl.within(Duration.ofMillis(1500)));
      long started = System.nanoTime();

      AgentException e = catchThrowableOfType(AgentException.class, () -> agent.run(call));

      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(e.type()).isEqualTo(FailureTypes.AGENT_REMOTE_ERROR);
      assertThat(e.getMessage()).contains("timeout");
      // 1.5 s less the margin (150 ms); generous above for a loaded machine, far below 1 minute.
      assertThat(took).isBetween(Duration.ofMillis(1200), Duration.ofSeconds(6));
    }
  }

  @Test
  void run_refusesAZeroTimeout_whichWouldMeanNone() {
    AgentException e = failure("{\"url\": \"" + url("/x") + "\", \"timeout\": 0}");

    assertThat(e.type()).isEqualTo(FailureTypes.AGENT_CONFIG_ERROR);
    assertThat(e.getMessage()).contains("`timeout` must be greater than 0");
  }

  @Test
  void run_rejectsNonHttpUrls() {
    AgentException e = failure("{\"url\": \"file:///etc/passwd\"}");

    assertThat(e.type()).isEqualTo(FailureTypes.AGENT_CONFIG_ERROR);
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void run_rejectsBodyOnGet() {
    assertThat(failure("{\"url\": \"" + url("/x") + "\", \"body\": {\"a\": 1}}").type())
        .isEqualTo(FailureTypes.AGENT_CONFIG_ERROR);
  }

  @Test
  void run_responseOfExactlyTheLimit_isRead() throws Exception {
    String body = "a".repeat(1024 * 1024);
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "text/plain")
            .body(body)
            .build());

    AgentResult result = agent.run(call("{\"url\": \"" + url("/big") + "\"}"));

    assertThat(result.output().get("body").asText()).hasSize(1024 * 1024);
  }

  @Test
  void run_responseOverTheLimit_isNonRetryableClientError() {
    String body = "a".repeat(1024 * 1024 + 1);
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "text/plain")
            .body(body)
            .build());

    AgentException e = failure("{\"url\": \"" + url("/huge") + "\"}");

    assertThat(e.type()).isEqualTo(FailureTypes.AGENT_CLIENT_ERROR);
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage())
        .isEqualTo("GET " + url("/huge") + ": the response body is larger than 1048576 bytes");
  }
}
