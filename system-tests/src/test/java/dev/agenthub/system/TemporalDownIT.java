package dev.agenthub.system;

import static dev.agenthub.system.ApiTestClient.OPERATOR;
import static dev.agenthub.system.ApiTestClient.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.api.ApiConfiguration;
import dev.agenthub.devkit.AgentHubMain;
import dev.agenthub.system.ApiTestClient.Reply;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With Temporal unreachable the API answers 503 with Retry-After, and says so in /healthcheck. */
@ExtendWith(DropwizardExtensionsSupport.class)
class TemporalDownIT {

  static final DropwizardAppExtension<ApiConfiguration> APP =
      new DropwizardAppExtension<>(
          AgentHubMain.class, ResourceHelpers.resourceFilePath("api-down.yml"));

  @Test
  void runsEndpoints_answer503WithRetryAfter() {
    ApiTestClient api = new ApiTestClient(APP.getLocalPort());

    for (Reply reply :
        new Reply[] {
          api.get("/api/v1/runs", VIEWER),
          api.get("/api/v1/runs/some-run", VIEWER),
          api.post("/api/v1/pipelines/quick/runs", OPERATOR, "{}")
        }) {
      assertThat(reply.status()).as(reply.raw().uri().toString()).isEqualTo(503);
      assertThat(reply.errorCode()).isEqualTo("temporal_unavailable");
      assertThat(reply.raw().headers().firstValue("Retry-After")).hasValue("5");
    }
  }

  @Test
  void pipelines_areStillServed_andHealthcheckReportsTemporalDown() {
    ApiTestClient api = new ApiTestClient(APP.getLocalPort());
    assertThat(api.get("/api/v1/pipelines", VIEWER).status()).isEqualTo(200);

    Reply health = new ApiTestClient(APP.getAdminPort()).get("/healthcheck", null);
    assertThat(health.status()).isEqualTo(500);
    assertThat(health.body().at("/temporal/healthy").asBoolean()).isFalse();
    assertThat(health.body().at("/pipelines/healthy").asBoolean()).isTrue();
  }
}
