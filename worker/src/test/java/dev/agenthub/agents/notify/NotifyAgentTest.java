package dev.agenthub.agents.notify;

import static dev.agenthub.agents.AgentCalls.call;
import static dev.agenthub.agents.AgentCalls.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.agents.AgentCalls;
import dev.agenthub.agents.AgentException;
import dev.agenthub.agents.AgentResult;
import dev.agenthub.agents.AgentsConfiguration;
import dev.agenthub.run.FailureTypes;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NotifyAgentTest {

  private static final String HOOK_PATH = "/services/T000/B000/XXXXsecretXXXX";

  private final MockWebServer server = new MockWebServer();
  private final Map<String, String> env = new HashMap<>();
  private NotifyAgent agent;
  private String hookUrl;

  @BeforeEach
  void start() throws Exception {
    server.start();
    hookUrl = server.url(HOOK_PATH).toString();
    env.put("SLACK_URL", hookUrl);
    env.put("HOOK_URL", hookUrl);
    AgentsConfiguration config = new AgentsConfiguration().withEnvironment(env::get);
    config.setNotify(
        new AgentsConfiguration.Notify(
            Map.of(
                "default",
                new AgentsConfiguration.Channel(
                    AgentsConfiguration.ChannelType.SLACK, "SLACK_URL", null),
                "ops",
                new AgentsConfiguration.Channel(
                    AgentsConfiguration.ChannelType.WEBHOOK, "HOOK_URL", null),
                "quiet",
                new AgentsConfiguration.Channel(
                    AgentsConfiguration.ChannelType.SLACK, "UNSET_URL", null)),
            null));
    agent = new NotifyAgent(config, new OkHttpClient());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static MockResponse slack(int status, String body) {
    return new MockResponse.Builder()
        .code(status)
        .addHeader("Content-Type", "text/html")
        .body(body)
        .build();
  }

  private AgentException failure(String arguments) {
    AgentException e = catchThrowableOfType(AgentException.class, () -> agent.run(call(arguments)));
    assertThat(e.getMessage()).doesNotContain(hookUrl).doesNotContain("secret");
    return e;
  }

  @Test
  void run_postsSlackPayloadToTheWebhook() throws Exception {
    server.enqueue(slack(200, "ok"));

    AgentResult result =
        agent.run(
            call(
                """
                {"text": "Report ready",
                 "blocks": [{"type": "section",
                             "text": {"type": "mrkdwn", "text": "*Report* ready"}}]}
                """));

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo(HOOK_PATH);
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(json(request.getBody().utf8()))
        .isEqualTo(
            json(
                """
                {"text": "Report ready",
                 "blocks": [{"type": "section",
                             "text": {"type": "mrkdwn", "text": "*Report* ready"}}]}
                """));
    assertThat(result.output()).isEqualTo(json("{\"channel\": \"default\", \"delivered\": true}"));
    assertThat(result.output().toString()).doesNotContain(hookUrl);
    assertThat(result.skippedReason()).isNull();
  }

  @Test
  void run_escapesSlackMentions_inTextAndBlocks() throws Exception {
    server.enqueue(slack(200, "ok"));

    agent.run(
        call(
            """
            {"text": "<!channel> <!here> <!everyone> <@U123> <!subteam^S1> <https://x.test|x> <#C42>",
             "blocks": [{"type": "section",
                         "text": {"type": "mrkdwn", "text": "<!here|here> ping"}}]}
            """));

    JsonNode sent = json(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
    assertThat(sent.get("text").asText())
        .isEqualTo(
            "&lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; &lt;@U123&gt;"
                + " &lt;!subteam^S1&gt; <https://x.test|x> <#C42>");
    assertThat(sent.at("/blocks/0/text/text").asText()).isEqualTo("&lt;!here|here&gt; ping");
  }

  @Test
  void run_keepsSlackMentions_whenTheStepAllowsThem() throws Exception {
    server.enqueue(slack(200, "ok"));

    agent.run(
        call(
            """
            {"text": "<!channel> deploy done", "allowMentions": true,
             "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "<@U123>"}}]}
            """));

    JsonNode sent = json(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
    assertThat(sent.get("text").asText()).isEqualTo("<!channel> deploy done");
    assertThat(sent.at("/blocks/0/text/text").asText()).isEqualTo("<@U123>");
  }

  @Test
  void run_refusesANonBooleanAllowMentions() {
    AgentException e = failure("{\"text\": \"hi\", \"allowMentions\": \"yes\"}");

    assertThat(e.type()).isEqualTo(FailureTypes.AGENT_CONFIG_ERROR);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void run_slackInvalidPayload_isNonRetryable() {
    server.enqueue(slack(400, "invalid_payload"));

    AgentException e = failure("{\"text\": \"hi\"}");

    assertThat(e.type()).isEqualTo(FailureTypes.AGENT_CLIENT_ERROR);
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("invalid_payload").contains("\"default\"");
  }

  @Test
  void run_slackChannelNotFound_isNonRetryable() {
    server.enqueue(slack(404, "channel_not_found"));

    assertThat(failure("{\"text\": \"hi\"}").retryable()).isFalse();
  }

  @Test
  void run_slackServerError_isRetryable() {
    server.enqueue(slack(500, "internal_error"));

    AgentException e = failure("{\"text\": \"hi\"}");

    assertThat(e.type()).isEqualTo(FailureTypes.AGENT_REMOTE_ERROR);
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void run_unreachableWebhook_isRetryableAndHidesTheUrl() {
    server.close();

    AgentException e = failure("{\"text\": \"hi\"}");

    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).doesNotContain(String.valueOf(server.getPort()));
  }

  @Test
  void run_unconfiguredChannel_isSkipped() throws Exception {
    AgentResult result = agent.run(call("{\"text\": \"hi\", \"channel\": \"quiet\"}"));

    assertThat(result.skippedReason()).isEqualTo("no webhook configured for channel \"quiet\"");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void run_emptyUrlVariable_isSkipped() throws Exception {
    env.put("SLACK_URL", "");

    AgentResult result = agent.run(call("{\"text\": \"hi\"}"));

    assertThat(result.skippedReason()).isEqualTo("no webhook configured for channel \"default\"");
  }

  @Test
  void run_unknownChannel_isConfigError() {
    AgentException e = failure("{\"text\": \"hi\", \"channel\": \"nowhere\"}");

    assertThat(e.type()).isEqualTo(FailureTypes.AGENT_CONFIG_ERROR);
  }

  @Test
  void run_postsGenericWebhookPayload() throws Exception {
    server.enqueue(new MockResponse.Builder().code(202).body("{\"queued\": true}").build());

    AgentResult result =
        agent.run(
            call(
                "{\"text\": \"done\", \"channel\": \"ops\", \"payload\": {\"severity\": \"info\"}}"));

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getHeaders().get("Idempotency-Key")).isEqualTo(AgentCalls.IDEMPOTENCY_KEY);
    assertThat(json(request.getBody().utf8()))
        .isEqualTo(
            json(
                """
                {"text": "done", "pipeline": "demo", "step": "step-1", "severity": "info"}
                """));
    assertThat(result.output()).isEqualTo(json("{\"channel\": \"ops\", \"delivered\": true}"));
  }

  @Test
  void run_genericWebhookError_neverQuotesTheUrl() {
    server.enqueue(new MockResponse.Builder().code(403).body("forbidden for " + hookUrl).build());

    AgentException e = failure("{\"text\": \"done\", \"channel\": \"ops\"}");

    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("HTTP 403");
  }

  @Test
  void run_withoutText_isConfigError() {
    assertThat(failure("{\"channel\": \"ops\"}").type()).isEqualTo(FailureTypes.AGENT_CONFIG_ERROR);
  }

  @Test
  void run_slackAnswerOfExactlyTheLimit_isRead() throws Exception {
    server.enqueue(slack(200, "ok" + " ".repeat(64 * 1024 - 2)));

    AgentResult result = agent.run(call("{\"text\": \"hi\"}"));

    assertThat(result.output().get("delivered").asBoolean()).isTrue();
  }

  @Test
  void run_slackAnswerOverTheLimit_isRetryableAndNamesOnlyTheKind() {
    server.enqueue(slack(200, "ok" + " ".repeat(64 * 1024 - 1)));

    AgentException e = failure("{\"text\": \"hi\"}");

    assertThat(e.type()).isEqualTo(FailureTypes.AGENT_REMOTE_ERROR);
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage())
        .isEqualTo("could not deliver to channel \"default\": ResponseTooLargeException");
  }
}
