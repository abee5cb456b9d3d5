package dev.agenthub.api.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.api.ApiConfiguration;
import dev.agenthub.system.ApiTestClient;
import dev.agenthub.system.ApiTestClient.Reply;
import dev.agenthub.system.DevApps;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code POST /api/v1/alerts} → {@code AlertNotificationWorkflow} → {@code notify} agent → a local
 * server speaking Slack's incoming-webhook protocol.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AlertsIT {

  static final MockWebServer SLACK = startSlack();

  static final DropwizardAppExtension<ApiConfiguration> APP =
      new DropwizardAppExtension<>(
          DevApps.support(
              ResourceHelpers.resourceFilePath("api-alerts-it.yml"),
              ConfigOverride.config(
                  "agents.notify.channels.alerts.url",
                  SLACK.url("/services/T0/B0/secret").toString())));

  private static ApiTestClient api;
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void client() {
    api = new ApiTestClient(APP.getLocalPort());
  }

  @AfterAll
  static void stopSlack() throws IOException {
    SLACK.close();
  }

  private static MockWebServer startSlack() {
    MockWebServer server = new MockWebServer();
    try {
      server.start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return server;
  }

  static String payload(String alertname, String status, Instant startsAt) {
    return """
        {"version": "4", "groupKey": "{}:{alertname=\\"%1$s\\"}", "status": "%2$s", "receiver": "agenthub",
         "groupLabels": {"alertname": "%1$s"},
         "commonLabels": {"alertname": "%1$s", "severity": "page", "team": "agenthub"},
         "commonAnnotations": {"summary": "API 5xx ratio above 50%%", "description": "Most requests fail.",
                               "runbook_url": "https://runbooks.test/agenthub#%1$s"},
         "externalURL": "http://alertmanager.test:9093",
         "alerts": [{"status": "%2$s", "labels": {"alertname": "%1$s", "severity": "page"},
                     "annotations": {"summary": "API 5xx ratio above 50%%"},
                     "startsAt": "%3$s", "endsAt": "0001-01-01T00:00:00Z",
                     "generatorURL": "http://prometheus.test:9090/graph", "fingerprint": "abc"}]}
        """
        .formatted(alertname, status, startsAt);
  }

  private static Reply post(String token, String body) {
    var request =
        api.builder("/api/v1/alerts", null)
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return api.send(request.build());
  }

  private static JsonNode nextSlackMessage() throws Exception {
    RecordedRequest request = SLACK.takeRequest(30, TimeUnit.SECONDS);
    assertThat(request).as("a Slack message within 30 s").isNotNull();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/services/T0/B0/secret");
    return JSON.readTree(request.getBody().utf8());
  }

  @Test
  void firingThenResolved_reachSlackOnce_each_withSummaryRunbookAndLinks() throws Exception {
    Instant start = Instant.parse("2026-11-25T01:00:00Z");
    SLACK.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    SLACK.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    // The Slack server is shared by the class's methods, which run in any order.
    int before = SLACK.getRequestCount();

    Reply firing = post("alert-token", payload("AgentHubApi5xxRatioHigh", "firing", start));
    assertThat(firing.status()).isEqualTo(202);
    JsonNode message = nextSlackMessage();
    assertThat(message.path("text").asText())
        .isEqualTo("[FIRING:1] AgentHubApi5xxRatioHigh (page): API 5xx ratio above 50%");
    String blocks = message.path("blocks").toString();
    assertThat(blocks)
        .contains("Most requests fail.")
        .contains("https://runbooks.test/agenthub#AgentHubApi5xxRatioHigh|Runbook")
        .contains("http://grafana.test:3000/d/slo")
        // The embedded dev server has no UI: no link to where nothing listens.
        .doesNotContain("Temporal UI");

    Reply again = post("alert-token", payload("AgentHubApi5xxRatioHigh", "firing", start));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().path("duplicate").asBoolean()).isTrue();

    Reply resolved = post("alert-token", payload("AgentHubApi5xxRatioHigh", "resolved", start));
    assertThat(resolved.status()).isEqualTo(202);
    assertThat(nextSlackMessage().path("text").asText())
        .startsWith("[RESOLVED] AgentHubApi5xxRatioHigh");
    assertThat(SLACK.getRequestCount() - before).isEqualTo(2);
  }

  @Test
  void failingWebhook_isRetriedUntilSlackAccepts() throws Exception {
    SLACK.enqueue(new MockResponse.Builder().code(500).body("internal_error").build());
    SLACK.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    int before = SLACK.getRequestCount();

    assertThat(post("alert-token", payload("AgentHubWorkerDown", "firing", Instant.now())).status())
        .isEqualTo(202);

    assertThat(nextSlackMessage().path("text").asText()).contains("AgentHubWorkerDown");
    assertThat(nextSlackMessage().path("text").asText()).contains("AgentHubWorkerDown");
    assertThat(SLACK.getRequestCount() - before).isEqualTo(2);
  }

  @Test
  void wrongToken_andMalformedBodies_areRejected() {
    assertThat(post(null, payload("X", "firing", Instant.now())).errorCode())
        .isEqualTo("unauthorized");
    assertThat(post("viewer-key", payload("X", "firing", Instant.now())).status()).isEqualTo(401);
    Reply invalid = post("alert-token", "{\"status\": \"burning\", \"alerts\": []}");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.errorCode()).isEqualTo("invalid_alert");
  }
}
