package dev.agenthub.api.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Timestamp;
import dev.agenthub.api.ApiConfiguration;
import dev.agenthub.system.DevApps;
import dev.agenthub.system.TestPorts;
import dev.agenthub.system.TestTools;
import dev.agenthub.testing.Poll;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.filter.v1.StartTimeFilter;
import io.temporal.api.filter.v1.WorkflowTypeFilter;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole alert path with the real deployed Alertmanager running the project's configuration
 * (observability/alertmanager/alertmanager.yml, pointed at the dev API and with short group
 * timers): an alert posted to Alertmanager reaches a Slack-protocol server through {@code POST
 * /api/v1/alerts} → {@code AlertNotificationWorkflow} → {@code notify}, with retries while the
 * webhook fails (the notify activity's own retries, seen in the workflow's history), exactly once
 * however often Alertmanager re-sends the group (seen in its own notification counter), and
 * resolves.
 */
class AlertmanagerIT {

  private static final Path PROJECT_CONFIG =
      TestTools.repoRoot().resolve("observability/alertmanager/alertmanager.yml");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final MockWebServer slack = new MockWebServer();
  private static DropwizardTestSupport<ApiConfiguration> app;
  private static Process alertmanager;
  private static int alertmanagerPort;
  private static WorkflowServiceStubs temporal;

  @BeforeAll
  static void start() throws Exception {
    Path binary = TestTools.requireDeployed("alertmanager", "prom/alertmanager");
    slack.start();
    app =
        DevApps.support(
            ResourceHelpers.resourceFilePath("api-alerts-it.yml"),
            ConfigOverride.config(
                "agents.notify.channels.alerts.url", slack.url("/services/T0/B0/am").toString()));
    app.before();
    temporal =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(app.getConfiguration().getTemporal().target())
                .build());
    alertmanagerPort = TestPorts.free();
    alertmanager = startAlertmanager(binary, app.getLocalPort());
  }

  @AfterAll
  static void stop() throws Exception {
    if (alertmanager != null) {
      alertmanager.destroy();
      alertmanager.waitFor(10, TimeUnit.SECONDS);
    }
    if (temporal != null) {
      temporal.shutdownNow();
    }
    if (app != null) {
      app.after();
    }
    slack.close();
  }

  /** The project's config with the API's address, a token file and timers short enough to test. */
  private static Process startAlertmanager(Path binary, int apiPort) throws Exception {
    Path dir = Files.createTempDirectory("alertmanager-it");
    Path token = Files.writeString(dir.resolve("agenthub-token"), "alert-token");
    String config =
        Files.readString(PROJECT_CONFIG)
            .replaceAll(
                "url: http://[^/\\s]+/api/v1/alerts",
                "url: http://127.0.0.1:" + apiPort + "/api/v1/alerts")
            .replaceAll("credentials_file: \\S+", "credentials_file: " + token)
            .replaceAll("group_wait: \\S+", "group_wait: 1s")
            .replaceAll("group_interval: \\S+", "group_interval: 2s")
            .replaceAll("repeat_interval: \\S+", "repeat_interval: 2s");
    assertThat(config).contains("127.0.0.1:" + apiPort).contains(token.toString());
    Path file = Files.writeString(dir.resolve("alertmanager.yml"), config);
    Process process =
        new ProcessBuilder(
                binary.toString(),
                "--config.file=" + file,
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + alertmanagerPort,
                "--cluster.listen-address=")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("alertmanager.log").toFile())
            .start();
    awaitHttp("/-/ready", Duration.ofSeconds(30));
    return process;
  }

  private static HttpResponse<String> alertmanager(String method, String path, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + alertmanagerPort + path));
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void awaitHttp(String path, Duration timeout) throws Exception {
    Poll.untilTrue(
        "Alertmanager to answer " + path,
        timeout,
        () -> {
          try {
            return alertmanager("GET", path, null).statusCode() == 200;
          } catch (IOException notYet) {
            return false;
          }
        });
  }

  /** Webhook notifications Alertmanager has sent successfully, from its own metrics. */
  private static double webhookNotificationsSent() throws Exception {
    String metrics = alertmanager("GET", "/metrics", null).body();
    Matcher total =
        Pattern.compile("alertmanager_notifications_total\\{integration=\"webhook\"} (\\S+)")
            .matcher(metrics);
    Matcher failed =
        Pattern.compile(
                "alertmanager_notifications_failed_total\\{integration=\"webhook\"[^}]*} (\\S+)")
            .matcher(metrics);
    double sent = total.find() ? Double.parseDouble(total.group(1)) : 0;
    while (failed.find()) {
      sent -= Double.parseDouble(failed.group(1));
    }
    return sent;
  }

  private static String alert(Instant startsAt, Instant endsAt) {
    return """
        [{"labels": {"alertname": "AgentHubAlertPathTest", "severity": "page", "team": "agenthub"},
          "annotations": {"summary": "alert path under test", "runbook_url": "https://runbooks.test/alert-path"},
          "startsAt": "%s"%s}]
        """
        .formatted(startsAt, endsAt == null ? "" : ", \"endsAt\": \"" + endsAt + "\"");
  }

  private static JsonNode nextSlackMessage() throws Exception {
    RecordedRequest request = slack.takeRequest(60, TimeUnit.SECONDS);
    assertThat(request).as("a Slack message within 60 s").isNotNull();
    return JSON.readTree(request.getBody().utf8());
  }

  /** Every alert notification workflow execution the dev app's Temporal knows, open or closed. */
  private static List<WorkflowExecutionInfo> alertWorkflows() {
    String namespace = app.getConfiguration().getTemporal().namespace();
    StartTimeFilter anyTime =
        StartTimeFilter.newBuilder()
            .setEarliestTime(Timestamp.getDefaultInstance())
            .setLatestTime(
                Timestamp.newBuilder().setSeconds(Instant.now().plusSeconds(3600).getEpochSecond()))
            .build();
    WorkflowTypeFilter type =
        WorkflowTypeFilter.newBuilder().setName("AlertNotificationWorkflow").build();
    List<WorkflowExecutionInfo> all = new ArrayList<>();
    all.addAll(
        temporal
            .blockingStub()
            .listOpenWorkflowExecutions(
                ListOpenWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(namespace)
                    .setStartTimeFilter(anyTime)
                    .setTypeFilter(type)
                    .build())
            .getExecutionsList());
    all.addAll(
        temporal
            .blockingStub()
            .listClosedWorkflowExecutions(
                ListClosedWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(namespace)
                    .setStartTimeFilter(anyTime)
                    .setTypeFilter(type)
                    .build())
            .getExecutionsList());
    return all;
  }

  /** The attempt numbers of the activity tasks started in {@code execution}'s history. */
  private static List<Integer> activityAttempts(WorkflowExecution execution) {
    WorkflowClient client =
        WorkflowClient.newInstance(
            temporal,
            WorkflowClientOptions.newBuilder()
                .setNamespace(app.getConfiguration().getTemporal().namespace())
                .build());
    List<Integer> attempts = new ArrayList<>();
    for (HistoryEvent event :
        client.fetchHistory(execution.getWorkflowId(), execution.getRunId()).getEvents()) {
      if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
        attempts.add(event.getActivityTaskStartedEventAttributes().getAttempt());
      }
    }
    return attempts;
  }

  @Test
  void alert_reachesSlackOnce_withRetries_andResolves() throws Exception {
    slack.enqueue(new MockResponse.Builder().code(500).body("internal_error").build());
    slack.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    slack.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    Instant startsAt = Instant.now().minusSeconds(5);

    assertThat(alertmanager("POST", "/api/v2/alerts", alert(startsAt, null)).statusCode())
        .isEqualTo(200);

    JsonNode failedAttempt = nextSlackMessage();
    JsonNode delivered = nextSlackMessage();
    assertThat(failedAttempt.path("text").asText()).isEqualTo(delivered.path("text").asText());
    assertThat(delivered.path("text").asText())
        .isEqualTo("[FIRING:1] AgentHubAlertPathTest (page): alert path under test");
    assertThat(delivered.path("blocks").toString())
        .contains("https://runbooks.test/alert-path|Runbook");

    // The second attempt is the notify activity's own retry, inside the one workflow run that
    // Alertmanager's first notification started: without the retry policy that run would fail
    // and a re-send would start a second run (the id may be reused after a failure).
    WorkflowExecutionInfo firing =
        Poll.until(
                "the alert workflow to complete",
                Duration.ofSeconds(30),
                AlertmanagerIT::alertWorkflows,
                runs ->
                    runs.size() == 1
                        && runs.get(0).getStatus()
                            == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED)
            .get(0);
    assertThat(activityAttempts(firing.getExecution())).containsExactly(2);

    // Alertmanager re-sends the firing group every repeat interval (its own counter shows it);
    // the API answers each as a duplicate: still one workflow run, and Slack hears nothing more.
    double sentBefore = webhookNotificationsSent();
    Poll.until(
        "Alertmanager to re-send the group twice more",
        Duration.ofSeconds(30),
        AlertmanagerIT::webhookNotificationsSent,
        sent -> sent >= sentBefore + 2);
    assertThat(alertWorkflows()).hasSize(1);
    assertThat(slack.getRequestCount()).isEqualTo(2);

    assertThat(alertmanager("POST", "/api/v2/alerts", alert(startsAt, Instant.now())).statusCode())
        .isEqualTo(200);
    assertThat(nextSlackMessage().path("text").asText())
        .startsWith("[RESOLVED] AgentHubAlertPathTest");
  }
}
