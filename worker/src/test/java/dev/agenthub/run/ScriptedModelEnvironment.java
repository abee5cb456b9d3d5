package dev.agenthub.run;

import dev.agenthub.agents.AgentActivities;
import dev.agenthub.agents.AgentMetrics;
import dev.agenthub.agents.AgentsConfiguration;
import dev.agenthub.agents.BuiltInAgents;
import dev.agenthub.cost.Price;
import dev.agenthub.cost.PriceTable;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.telemetry.PresetSpanIds;
import dev.agenthub.telemetry.Tracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
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
  private final String queue;
  private final Tracing tracing;

  /** The environment without tracing. */
  static ScriptedModelEnvironment open(String queue) {
    return create(queue, null);
  }

  /**
   * The environment traced into {@code spans} through an SDK with {@link PresetSpanIds} and W3C
   * trace context, as the platform's own is; the SDK closes with the environment.
   */
  static ScriptedModelEnvironment tracedInto(String queue, InMemorySpanExporter spans) {
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .setIdGenerator(new PresetSpanIds())
                    .addSpanProcessor(SimpleSpanProcessor.create(spans))
                    .build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    return create(queue, Tracing.around(sdk, true));
  }

  private static ScriptedModelEnvironment create(String queue, Tracing tracing) {
    try {
      return new ScriptedModelEnvironment(queue, tracing);
    } catch (IOException e) {
      throw new UncheckedIOException("starting the fake model server", e);
    }
  }

  /**
   * The environment with {@code tracing} (null: none; closed with the environment): Temporal's
   * interceptors and the agents' spans over its OpenTelemetry, and the test server's clock running
   * in real time, so that span timestamps and workflow time agree.
   */
  private ScriptedModelEnvironment(String queue, Tracing tracing) throws IOException {
    this.queue = queue;
    this.tracing = tracing;
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
    env = TestWorkflowEnvironment.newInstance(options(tracing));
    Worker worker = env.newWorker(queue);
    worker.registerWorkflowImplementationTypes(PipelineWorkflowImpl.class);
    OpenTelemetry openTelemetry = tracing == null ? OpenTelemetry.noop() : tracing.openTelemetry();
    worker.registerActivitiesImplementations(
        new AgentActivities(
            BuiltInAgents.create(
                config.forDevelopment(),
                PriceTable.loadDefault(),
                Clock.systemUTC(),
                openTelemetry),
            AgentMetrics.none(),
            openTelemetry));
    client = env.getWorkflowClient();
    env.start();
  }

  /**
   * Starts {@code pipeline} as run {@code id} with input {@code {"topic": "agents"}}, this
   * environment's prices and {@code budget} (null: none); returns its stub.
   */
  PipelineWorkflow start(String id, PipelineDefinition pipeline, Double budget) {
    return start(
        id,
        new PipelineRunInput(
            pipeline,
            TestPipelines.json("{\"topic\": \"agents\"}"),
            Map.of(),
            budget,
            null,
            PRICES));
  }

  /** Starts {@code input} as run {@code id} on this environment's queue; returns its stub. */
  PipelineWorkflow start(String id, PipelineRunInput input) {
    PipelineWorkflow workflow =
        client.newWorkflowStub(
            PipelineWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue(queue).setWorkflowId(id).build());
    WorkflowClient.start(workflow::run, input);
    return workflow;
  }

  private static TestEnvironmentOptions options(Tracing tracing) {
    if (tracing == null) {
      return TestEnvironmentOptions.getDefaultInstance();
    }
    return TestEnvironmentOptions.newBuilder()
        .setUseTimeskipping(false)
        .setWorkflowClientOptions(
            WorkflowClientOptions.newBuilder()
                .setInterceptors(
                    tracing.clientInterceptors().toArray(WorkflowClientInterceptor[]::new))
                .build())
        .setWorkerFactoryOptions(
            WorkerFactoryOptions.newBuilder()
                .setWorkerInterceptors(
                    tracing.workerInterceptors().toArray(WorkerInterceptor[]::new))
                .build())
        .build();
  }

  /** The local server's URL of {@code path}. */
  String url(String path) {
    return server.url(path).toString();
  }

  /** Releases replies still held by the fake provider, then stops everything. */
  @Override
  public void close() {
    fake.release();
    env.close();
    server.close();
    if (tracing != null) {
      tracing.close();
    }
  }
}
