package dev.agenthub.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.agents.AgentActivities;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.agents.AgentsConfiguration;
import dev.agenthub.agents.BuiltInAgents;
import dev.agenthub.cost.PriceTable;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.PipelineLoader;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A {@code ${{ secrets.NAME }}} header travels through the run as the reference only: the real http
 * agent fills it in inside its activity, so the remote side gets the secret while the run's
 * history, result and progress hold the placeholder.
 */
class HeaderSecretsWorkflowTest {

  private static final String QUEUE = "secrets-queue";
  private static final String TOKEN = "tok-9f8e7d6c5b4a";

  private final MockWebServer server = new MockWebServer();
  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    AgentsConfiguration config = new AgentsConfiguration();
    config.setHttp(new AgentsConfiguration.Http(null, Map.of("API_TOKEN", "AGENTHUB_API_TOKEN")));
    AgentsConfiguration agents =
        config.withEnvironment(Map.of("AGENTHUB_API_TOKEN", TOKEN)::get).forDevelopment();
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(PipelineWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new AgentActivities(BuiltInAgents.create(agents, PriceTable.loadDefault())));
    client = env.getWorkflowClient();
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
    server.close();
  }

  @Test
  void secretHeader_reachesTheServer_whileTheRunHoldsOnlyThePlaceholder() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    PipelineDefinition pipeline =
        PipelineLoader.parse(
            """
            name: secrets-demo
            steps:
              - id: fetch
                agent: http
                with:
                  url: %s
                  headers: {Authorization: "Bearer ${{ secrets.API_TOKEN }}"}
            """
                .formatted(server.url("/items")),
            "secrets-demo.yml",
            AgentCatalog.builtIn());
    PipelineWorkflow workflow =
        client.newWorkflowStub(
            PipelineWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("secrets-1").build());

    PipelineRunResult result =
        workflow.run(PipelineRunInput.of(pipeline, TestPipelines.json("{}")));

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    String history = client.fetchHistory("secrets-1").toJson(true);
    String payloads = decodedPayloads(history);
    assertThat(payloads).contains("Bearer ${{ secrets.API_TOKEN }}").doesNotContain(TOKEN);
    assertThat(history).doesNotContain(TOKEN);
    assertThat(result.toString()).doesNotContain(TOKEN);
    assertThat(workflow.progress().toString()).doesNotContain(TOKEN);
  }

  /** Every payload of a history in JSON form (where they are base64), decoded and joined. */
  private static String decodedPayloads(String historyJson) {
    StringBuilder text = new StringBuilder();
    Matcher data = Pattern.compile("\"data\": \"([A-Za-z0-9+/=]+)\"").matcher(historyJson);
    while (data.find()) {
      text.append(new String(Base64.getDecoder().decode(data.group(1)), StandardCharsets.UTF_8));
    }
    return text.toString();
  }
}
