package dev.agenthub.system;

import static dev.agenthub.system.ApiTestClient.OPERATOR;
import static dev.agenthub.system.ApiTestClient.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.api.ApiConfiguration;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code POST /api/v1/events/{type}} on the dev app: matching pipelines start with the event as
 * input, a redelivery starts nothing new, and callers are operators or signing sources.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class EventsIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String SECRET = "it-signing-secret";

  static final DropwizardAppExtension<ApiConfiguration> APP =
      new DropwizardAppExtension<>(
          DevApps.support(ResourceHelpers.resourceFilePath("api-events-it.yml")));

  private static ApiTestClient api;

  @BeforeAll
  static void start() {
    api = new ApiTestClient(APP.getLocalPort());
  }

  private static ApiTestClient.Reply post(
      String type, String key, Map<String, String> headers, String body) {
    HttpRequest.Builder request =
        api.builder("/api/v1/events/" + type, key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return api.send(request.build());
  }

  private static String signature(String secret, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static JsonNode run(JsonNode accepted, String pipeline) {
    for (JsonNode run : accepted.path("runs")) {
      if (run.path("pipeline").asText().equals(pipeline)) {
        return run;
      }
    }
    return null;
  }

  @Test
  void event_startsEveryMatchingPipeline_withTheEventAsInput_andARedeliveryStartsNothingNew() {
    String id = UUID.randomUUID().toString();
    String body = "{\"title\": \"printer on fire\", \"priority\": \"high\"}";

    ApiTestClient.Reply first = post("ticket.created", OPERATOR, Map.of("X-Event-Id", id), body);

    assertThat(first.status()).as(first.raw().body()).isEqualTo(200);
    assertThat(first.body().path("eventId").asText()).isEqualTo(id);
    assertThat(first.body().path("runs").findValuesAsText("pipeline"))
        .containsExactlyInAnyOrder("triage", "log-ticket");
    assertThat(first.body().path("runs").findValuesAsText("created")).containsOnly("true");
    JsonNode refused = first.body().path("refused").get(0);
    assertThat(refused.path("pipeline").asText()).isEqualTo("bill-customer");
    assertThat(refused.path("code").asText()).isEqualTo("invalid_input");
    String triage = run(first.body(), "triage").path("workflowId").asText();
    JsonNode finished =
        api.await(
            "/api/v1/runs/" + triage, r -> r.path("status").asText().equals("succeeded"), WAIT);
    assertThat(finished.path("output").path("title").asText()).isEqualTo("printer on fire");

    ApiTestClient.Reply again = post("ticket.created", OPERATOR, Map.of("X-Event-Id", id), body);

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().path("runs").findValuesAsText("created")).containsOnly("false");
    assertThat(run(again.body(), "triage").path("workflowId").asText()).isEqualTo(triage);
  }

  @Test
  void event_whoseConditionIsFalse_startsOnlyTheUnconditionalPipelines() {
    ApiTestClient.Reply reply =
        post(
            "ticket.created",
            OPERATOR,
            Map.of(),
            "{\"id\": \"" + UUID.randomUUID() + "\", \"title\": \"typo\", \"priority\": \"low\"}");

    assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
    assertThat(reply.body().path("runs").findValuesAsText("pipeline"))
        .containsExactly("log-ticket");
  }

  @Test
  void event_signedByItsSource_isAccepted_otherwise401Or403() throws Exception {
    String body = "{\"title\": \"signed\", \"priority\": \"high\"}";
    Map<String, String> delivery = Map.of("X-GitHub-Delivery", UUID.randomUUID().toString());

    ApiTestClient.Reply signed =
        post(
            "ticket.created",
            null,
            Map.of(
                "X-Hub-Signature-256",
                signature(SECRET, body),
                "X-GitHub-Delivery",
                UUID.randomUUID().toString()),
            body);
    assertThat(signed.status()).as(signed.raw().body()).isEqualTo(200);
    assertThat(signed.body().path("runs").findValuesAsText("pipeline")).contains("triage");

    ApiTestClient.Reply forged =
        post(
            "ticket.created",
            null,
            Map.of("X-Hub-Signature-256", signature("wrong-secret", body)),
            body);
    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.errorCode()).isEqualTo("unauthorized");
    assertThat(forged.raw().body()).doesNotContain(SECRET);
    assertThat(post("ticket.created", null, delivery, body).status()).isEqualTo(401);
    assertThat(
            post("invoice.paid", null, Map.of("X-Hub-Signature-256", signature(SECRET, body)), body)
                .status())
        .as("the source may post ticket.created only")
        .isEqualTo(401);
    ApiTestClient.Reply viewer = post("ticket.created", VIEWER, delivery, body);
    assertThat(viewer.status()).isEqualTo(403);
    assertThat(viewer.errorCode()).isEqualTo("forbidden");
  }

  @Test
  void event_withoutAnId_orNotAnObject_is400() {
    ApiTestClient.Reply noId = post("ticket.created", OPERATOR, Map.of(), "{\"title\": \"x\"}");
    assertThat(noId.status()).isEqualTo(400);
    assertThat(noId.errorCode()).isEqualTo("event_id_required");

    ApiTestClient.Reply list = post("ticket.created", OPERATOR, Map.of("X-Event-Id", "1"), "[1]");
    assertThat(list.status()).isEqualTo(400);
    assertThat(list.errorCode()).isEqualTo("invalid_event");
  }
}
