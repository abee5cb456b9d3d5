package dev.agenthub.agents.llm;

import static dev.agenthub.agents.AgentCalls.CLOCK;
import static dev.agenthub.agents.AgentCalls.call;
import static dev.agenthub.agents.AgentCalls.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.agenthub.agents.AgentCall;
import dev.agenthub.agents.AgentCalls;
import dev.agenthub.agents.AgentException;
import dev.agenthub.agents.AgentResult;
import dev.agenthub.agents.AgentsConfiguration;
import dev.agenthub.agents.AttemptControl;
import dev.agenthub.cost.PriceTable;
import dev.agenthub.cost.Usage;
import dev.agenthub.run.FailureTypes;
import io.opentelemetry.api.OpenTelemetry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LlmAgentTest {

  private static final String KEY = "sk-test-4f9a1c2b7d";
  private static final PriceTable PRICES = PriceTable.loadDefault();

  private final MockWebServer server = new MockWebServer();
  private final Map<String, String> env = new HashMap<>(Map.of("TEST_API_KEY", KEY));
  private LlmAgent agent;

  @BeforeEach
  void start() throws Exception {
    server.start();
    agent = agentFor(server.url("/").toString());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private LlmAgent agentFor(String baseUrl) {
    AgentsConfiguration config = new AgentsConfiguration().withEnvironment(env::get);
    config.setLlm(
        new AgentsConfiguration.Llm(
            Map.of(
                "test", new AgentsConfiguration.Provider(baseUrl, "TEST_API_KEY", "gpt-4o-mini")),
            "test",
            new AgentsConfiguration.Simulated(java.time.Duration.ZERO),
            java.time.Duration.ofSeconds(5)));
    return new LlmAgent(config, PRICES, CLOCK, new OkHttpClient());
  }

  private static MockResponse completion(String content, int promptTokens, int completionTokens) {
    return jsonResponse(completionJson(content, promptTokens, completionTokens));
  }

  private static MockResponse jsonResponse(String body) {
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  private static String completionJson(String content, int promptTokens, int completionTokens) {
    return """
            {
              "id": "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
              "object": "chat.completion",
              "created": 1741569952,
              "model": "gpt-4o-mini-2024-07-18",
              "choices": [
                {
                  "index": 0,
                  "message": {"role": "assistant", "content": "%s", "refusal": null},
                  "logprobs": null,
                  "finish_reason": "stop"
                }
              ],
              "usage": {
                "prompt_tokens": %d,
                "completion_tokens": %d,
                "total_tokens": %d
              },
              "service_tier": "default",
              "system_fingerprint": "fp_06737a9306"
            }
            """
        .formatted(content, promptTokens, completionTokens, promptTokens + completionTokens);
  }

  private static MockResponse error(int status, String message, String type) {
    return new MockResponse.Builder()
        .code(status)
        .addHeader("Content-Type", "application/json")
        .body(
            """
            {"error": {"message": "%s", "type": "%s", "param": null, "code": null}}
            """
                .formatted(message, type))
        .build();
  }

  @Test
  void run_sendsOpenAiChatCompletionRequest() throws Exception {
    server.enqueue(completion("Hello!", 20, 3));

    agent.run(
        call(
            """
            {"prompt": "Say hello", "system": "Be brief.", "model": "gpt-4o-mini",
             "temperature": 0.2, "max_tokens": 50}
            """));

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(request.getHeaders().get("Idempotency-Key")).isEqualTo(AgentCalls.IDEMPOTENCY_KEY);
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(json(request.getBody().utf8()))
        .isEqualTo(
            json(
                """
                {"model": "gpt-4o-mini",
                 "messages": [{"role": "system", "content": "Be brief."},
                              {"role": "user", "content": "Say hello"}],
                 "temperature": 0.2,
                 "max_tokens": 50}
                """));
  }

  @Test
  void run_sendsMessagesAndUsesTheProvidersDefaultModel() throws Exception {
    server.enqueue(completion("4", 10, 1));

    agent.run(
        call(
            """
            {"messages": [{"role": "user", "content": "2+2?"},
                          {"role": "assistant", "content": "4"},
                          {"role": "user", "content": "Sure?"}]}
            """));

    var body = json(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
    assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(body.get("messages")).hasSize(3);
    assertThat(body.has("temperature")).isFalse();
    assertThat(body.has("max_tokens")).isFalse();
  }

  @Test
  void run_returnsTextAndPricedUsage() throws Exception {
    server.enqueue(completion("Durable execution survives crashes.", 1200, 300));

    AgentResult result = agent.run(call("{\"prompt\": \"Explain durable execution\"}"));

    assertThat(result.output())
        .isEqualTo(
            json(
                """
                {"text": "Durable execution survives crashes.",
                 "model": "gpt-4o-mini-2024-07-18", "finishReason": "stop"}
                """));
    Usage usage = result.usage();
    assertThat(usage.inputTokens()).isEqualTo(1200);
    assertThat(usage.outputTokens()).isEqualTo(300);
    // The dated snapshot name is not in the table, so the requested model's price applies.
    assertThat(usage.model()).isEqualTo("gpt-4o-mini");
    assertThat(usage.pricingKnown()).isTrue();
    assertThat(usage.costUsd()).isCloseTo((1200 * 0.15 + 300 * 0.60) / 1e6, within(1e-12));
    assertThat(result.skippedReason()).isNull();
  }

  @Test
  void run_badRequest_isNonRetryableClientErrorWithProviderMessage() {
    server.enqueue(error(400, "Invalid value for 'temperature'.", "invalid_request_error"));

    AgentException e =
        catchThrowableOfType(AgentException.class, () -> agent.run(call("{\"prompt\": \"hi\"}")));

    assertThat(e.type()).isEqualTo(FailureTypes.AGENT_CLIENT_ERROR);
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("HTTP 400").contains("Invalid value for 'temperature'.");
    assertThat(e.getMessage()).doesNotContain(KEY);
  }

  @Test
  void run_unauthorized_neverEchoesTheKey() {
    server.enqueue(error(401, "Incorrect API key provided: " + KEY + ".", "invalid_request_error"));

    AgentException e =
        catchThrowableOfType(AgentException.class, () -> agent.run(call("{\"prompt\": \"hi\"}")));

    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("Incorrect API key provided").doesNotContain(KEY);
  }

  @Test
  void run_rateLimitedOrServerError_isRetryableRemoteError() {
    for (int status : List.of(429, 500, 502, 503)) {
      server.enqueue(error(status, "try again later", "server_error"));

      AgentException e =
          catchThrowableOfType(AgentException.class, () -> agent.run(call("{\"prompt\": \"hi\"}")));

      assertThat(e.type()).as("HTTP %d", status).isEqualTo(FailureTypes.AGENT_REMOTE_ERROR);
      assertThat(e.retryable()).isTrue();
      assertThat(e.getMessage()).contains("HTTP " + status).doesNotContain(KEY);
    }
  }

  @Test
  void run_connectionRefused_isRetryableRemoteError() {
    String url = server.url("/").toString();
    server.close();
    LlmAgent unreachable = agentFor(url);

    AgentException e =
        catchThrowableOfType(
            AgentException.class, () -> unreachable.run(call("{\"prompt\": \"hi\"}")));

    assertThat(e.type()).isEqualTo(FailureTypes.AGENT_REMOTE_ERROR);
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).doesNotContain(KEY);
  }

  @Test
  void run_missingKey_isConfigErrorNamingTheVariable() {
    env.remove("TEST_API_KEY");

    AgentException e =
        catchThrowableOfType(AgentException.class, () -> agent.run(call("{\"prompt\": \"hi\"}")));

    assertThat(e.type()).isEqualTo(FailureTypes.AGENT_CONFIG_ERROR);
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("TEST_API_KEY");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void run_withoutPromptOrMessages_isConfigError() {
    assertThatThrownBy(() -> agent.run(call("{\"system\": \"alone\"}")))
        .isInstanceOfSatisfying(
            AgentException.class,
            e -> assertThat(e.type()).isEqualTo(FailureTypes.AGENT_CONFIG_ERROR));
  }

  @Test
  void run_unknownProvider_isConfigError() {
    assertThatThrownBy(() -> agent.run(call("{\"prompt\": \"hi\", \"provider\": \"nope\"}")))
        .isInstanceOfSatisfying(
            AgentException.class,
            e -> assertThat(e.getMessage()).contains("\"nope\"").contains("simulated"));
  }

  @Test
  void simulated_isDeterministicAndCountsTokens() throws Exception {
    String args = "{\"provider\": \"simulated\", \"prompt\": \"Summarise durable execution\"}";

    AgentResult first = agent.run(call(args));
    AgentResult second = agent.run(call(args));
    AgentResult other =
        agent.run(call("{\"provider\": \"simulated\", \"prompt\": \"Something else entirely\"}"));

    assertThat(first.output()).isEqualTo(second.output());
    assertThat(first.output().get("text").asText())
        .contains("Summarise durable execution")
        .isNotEqualTo(other.output().get("text").asText());
    assertThat(first.output().get("model").asText()).isEqualTo("sim-small");
    assertThat(first.output().get("finishReason").asText()).isEqualTo("stop");
    Usage usage = first.usage();
    assertThat(usage.model()).isEqualTo("sim-small");
    assertThat(usage.inputTokens())
        .isEqualTo(("user: Summarise durable execution".length() + 3) / 4);
    assertThat(usage.outputTokens())
        .isEqualTo((first.output().get("text").asText().length() + 3) / 4);
    assertThat(usage.costUsd()).isPositive();
    assertThat(usage.pricingKnown()).isTrue();
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void simulated_dependsOnTheModel_andHonoursMaxTokens() throws Exception {
    AgentResult small =
        agent.run(
            call("{\"provider\": \"simulated\", \"prompt\": \"p\", \"model\": \"sim-small\"}"));
    AgentResult large =
        agent.run(
            call("{\"provider\": \"simulated\", \"prompt\": \"p\", \"model\": \"sim-large\"}"));
    AgentResult capped =
        agent.run(call("{\"provider\": \"simulated\", \"prompt\": \"p\", \"max_tokens\": 3}"));

    assertThat(small.output().get("text")).isNotEqualTo(large.output().get("text"));
    assertThat(large.usage().costUsd()).isGreaterThan(small.usage().costUsd());
    assertThat(capped.usage().outputTokens()).isLessThanOrEqualTo(3);
    assertThat(capped.output().get("finishReason").asText()).isEqualTo("length");
  }

  @Test
  void simulated_waitsTheLatencyArgument_andHeartbeats() throws Exception {
    AtomicInteger beats = new AtomicInteger();
    AgentCall base =
        call("{\"provider\": \"simulated\", \"prompt\": \"p\", \"latency\": \"50ms\"}");
    AgentCall call =
        new AgentCall(
            base.request(),
            1,
            "wf",
            "act",
            details -> beats.incrementAndGet(),
            AttemptControl.unbounded(),
            OpenTelemetry.noop());

    long started = System.nanoTime();
    agent.run(call);

    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(50);
    assertThat(beats.get()).isPositive();
  }

  @Test
  void estimates_coverPromptAndMaxTokens() {
    assertThat(LlmAgent.estimateInputTokens(json("{\"prompt\": \"12345678\"}"))).isEqualTo(2);
    assertThat(LlmAgent.estimateMaxOutputTokens(json("{\"max_tokens\": 77}"))).isEqualTo(77);
  }

  /** A completion padded with trailing whitespace (still valid JSON) to {@code bytes} bytes. */
  private static MockResponse completionOfSize(int bytes) {
    String json = completionJson("padded", 10, 2);
    return jsonResponse(json + " ".repeat(bytes - json.length()));
  }

  @Test
  void run_responseOfExactlyTheLimit_isRead() throws Exception {
    server.enqueue(completionOfSize(4 * 1024 * 1024));

    AgentResult result = agent.run(call("{\"prompt\": \"hi\"}"));

    assertThat(result.output().get("text").asText()).isEqualTo("padded");
  }

  @Test
  void run_responseOverTheLimit_isRetryableRemoteError() {
    server.enqueue(completionOfSize(4 * 1024 * 1024 + 1));

    AgentException e =
        catchThrowableOfType(AgentException.class, () -> agent.run(call("{\"prompt\": \"hi\"}")));

    assertThat(e.type()).isEqualTo(FailureTypes.AGENT_REMOTE_ERROR);
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage())
        .isEqualTo(
            "provider \"test\" did not answer: ResponseTooLargeException (the response body is"
                + " larger than 4194304 bytes)");
  }
}
