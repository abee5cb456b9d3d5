package dev.agenthub.agents.http;

import static dev.agenthub.agents.AgentCalls.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agenthub.agents.AgentException;
import dev.agenthub.agents.AgentResult;
import dev.agenthub.agents.TracedHttp;
import dev.agenthub.run.FailureTypes;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpAgentSecretsTest {

  private static final String TOKEN = "s3cr3t-token-value";

  private final MockWebServer server = new MockWebServer();
  private final HttpAgent agent =
      new HttpAgent(
          new OkHttpClient(),
          HttpAgentEgressTest.LOOPBACK,
          new HeaderSecrets(
              Map.of("API_TOKEN", "AGENTHUB_TEST_API_TOKEN", "UNSET", "AGENTHUB_TEST_UNSET"),
              Map.of("AGENTHUB_TEST_API_TOKEN", TOKEN)::get),
          TracedHttp.of(OpenTelemetry.noop()));

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String withHeader(String value) {
    return "{\"url\": \""
        + server.url("/items")
        + "\", \"headers\": {\"Authorization\": \""
        + value
        + "\"}}";
  }

  @Test
  void run_sendsTheDeclaredSecretInTheHeader() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("ok").build());

    AgentResult result = agent.run(call(withHeader("Bearer ${{ secrets.API_TOKEN }}")));

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(result.output().toString()).doesNotContain(TOKEN);
  }

  @Test
  void run_failsNonRetryably_namingAnUndeclaredSecret() {
    AgentException failure =
        catchThrowableOfType(
            AgentException.class, () -> agent.run(call(withHeader("${{ secrets.OTHER }}"))));

    assertThat(failure.type()).isEqualTo(FailureTypes.AGENT_CONFIG_ERROR);
    assertThat(failure.retryable()).isFalse();
    assertThat(failure.getMessage())
        .isEqualTo(
            "header `Authorization` references secret \"OTHER\", which the worker does not"
                + " declare in agents.http.secrets");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void run_failsNonRetryably_whenTheSecretsVariableIsUnset() {
    AgentException failure =
        catchThrowableOfType(
            AgentException.class, () -> agent.run(call(withHeader("${{ secrets.UNSET }}"))));

    assertThat(failure.type()).isEqualTo(FailureTypes.AGENT_CONFIG_ERROR);
    assertThat(failure.retryable()).isFalse();
    assertThat(failure.getMessage())
        .contains("secret \"UNSET\"")
        .contains("AGENTHUB_TEST_UNSET is not set");
  }
}
