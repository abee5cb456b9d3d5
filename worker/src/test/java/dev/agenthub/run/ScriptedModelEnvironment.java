package dev.agenthub.run;

import dev.agenthub.agents.AgentActivities;
import dev.agenthub.agents.AgentsConfiguration;
import dev.agenthub.agents.BuiltInAgents;
import dev.agenthub.cost.Price;
import dev.agenthub.cost.PriceTable;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import mockwebserver3.MockWebServer;

/**
 * Temporal's test server with a worker running the pipeline workflow and the real agents, the llm
 * agent's default provider being a local OpenAI-protocol server whose answers {@link #fake}
 * scripts. The same server answers the http agent's calls to {@link #url}.
 */
final class ScriptedModelEnvironment implements AutoCloseable {

  /** The price of the model the fake provider names, for runs under a budget. */
  static final Map<String, Price> PRICES =
      Map.of("gpt-4o-mini", new Price("gpt-4o-mini", 0.15, 0.60, LocalDate.of(2024, 7, 18)));

  final FakeOpenAi fake = new FakeOpenAi();
  final WorkflowClient client;
  private final MockWebServer server = new MockWebServer();
  private final TestWorkflowEnvironment env;

  ScriptedModelEnvironment(String queue) throws IOException {
    server.setDispatcher(fake);
    server.start();
    AgentsConfiguration config = new AgentsConfiguration();
    config.setLlm(
        new AgentsConfiguration.Llm(
            Map.of(
                "fake",
                new AgentsConfiguration.Provider(server.url("/").toString(), null, "gpt-4o-mini")),
            "fake",
            new AgentsConfiguration.Simulated(Duration.ZERO),
            Duration.ofSeconds(10)));
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(queue);
    worker.registerWorkflowImplementationTypes(PipelineWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new AgentActivities(
            BuiltInAgents.create(config.forDevelopment(), PriceTable.loadDefault())));
    client = env.getWorkflowClient();
    env.start();
  }

  /** The local server's URL of {@code path}. */
  String url(String path) {
    return server.url(path).toString();
  }

  @Override
  public void close() {
    env.close();
    server.close();
  }
}
