package dev.agenthub.system;

import static dev.agenthub.system.ApiTestClient.OPERATOR;
import static dev.agenthub.system.ApiTestClient.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.api.ApiConfiguration;
import dev.agenthub.testing.Poll;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A step whose activity retries shows its attempts in {@code GET /api/v1/runs/{id}} while it
 * retries, not only once it ends: the README's {@code flaky-http} pipeline against {@code dev}'s
 * own {@code /dev/flaky}, polled as a user would.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RetryAttemptsIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  static final DropwizardAppExtension<ApiConfiguration> APP =
      new DropwizardAppExtension<>(
          DevApps.support(
              ResourceHelpers.resourceFilePath("api-it.yml"),
              ConfigOverride.config(
                  "pipelinesDir", TestTools.repoRoot().resolve("pipelines").toString())));

  private static ApiTestClient api;

  @BeforeAll
  static void start() {
    api = new ApiTestClient(APP.getLocalPort());
  }

  /** What one poll of the run view showed of the fetch step. */
  private record Seen(String status, int attempts, JsonNode activity) {}

  @Test
  void runView_showsAttemptsGrowAndTheLastFailure_whileAStepRetries() {
    // Three 503s, then a 200: attempts 1-3 fail (1 s, 2 s, 4 s apart), attempt 4 succeeds.
    String url =
        "http://localhost:%d/dev/flaky?failures=3&key=%s"
            .formatted(APP.getLocalPort(), UUID.randomUUID());
    JsonNode started =
        api.post(
                "/api/v1/pipelines/flaky-http/runs",
                OPERATOR,
                "{\"input\": {\"url\": \"" + url + "\"}}")
            .body();
    String path = "/api/v1/runs/" + started.path("workflowId").asText();

    List<Seen> seen = new ArrayList<>();
    JsonNode done =
        Poll.until(
            "the flaky-http run to settle",
            WAIT,
            () -> {
              JsonNode run = api.get(path, VIEWER).body();
              JsonNode fetch = fetchStep(run);
              seen.add(
                  new Seen(
                      fetch.path("status").asText(),
                      fetch.path("attempts").asInt(),
                      fetch.path("activity")));
              return run;
            },
            run -> !run.path("status").asText().equals("running"));

    assertThat(done.path("status").asText()).isEqualTo("succeeded");
    assertThat(fetchStep(done).path("attempts").asInt()).isEqualTo(4);
    assertThat(fetchStep(done).has("activity")).as("a settled step has no activity").isFalse();

    List<Seen> retrying =
        seen.stream().filter(s -> s.activity().path("lastFailure").isObject()).toList();
    assertThat(retrying).as("polls that saw a failed attempt: %s", seen).isNotEmpty();
    assertThat(retrying)
        .extracting(s -> s.activity().path("attempt").asInt())
        .as("the attempt numbers seen while retrying")
        .isSorted()
        .contains(4);
    assertThat(retrying)
        .extracting(Seen::attempts)
        .as("attempts begun, shown while the step runs")
        .isSorted()
        .contains(3);
    JsonNode activity = retrying.get(0).activity();
    assertThat(activity.path("maximumAttempts").asInt()).isEqualTo(5);
    assertThat(activity.at("/lastFailure/type").asText()).isEqualTo("AgentRemoteError");
    assertThat(activity.at("/lastFailure/message").asText()).contains("503");
    // The embedded test server keeps a retrying activity "started" between attempts and reports
    // no next attempt time; a real server says "scheduled" with nextAttemptAt (TemporalCliApiIT).
  }

  private static JsonNode fetchStep(JsonNode run) {
    for (JsonNode step : run.path("steps")) {
      if (step.path("id").asText().equals("fetch")) {
        return step;
      }
    }
    throw new AssertionError("no fetch step in " + run);
  }
}
