package dev.agenthub.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.uber.m3.tally.Scope;
import dev.agenthub.agents.AgentActivities;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.agents.AgentMetrics;
import dev.agenthub.agents.AgentsConfiguration;
import dev.agenthub.agents.BuiltInAgents;
import dev.agenthub.cost.PriceTable;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.PipelineLoader;
import dev.agenthub.telemetry.Metrics;
import dev.agenthub.telemetry.Telemetry;
import dev.agenthub.testing.Poll;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How big a worker's scrape gets: 1,000 runs over 10 pipelines, each calling the simulated LLM with
 * 3 models, in the in-process Temporal test server, then one Prometheus text scrape. Not a test;
 * run it (see README, "Metrics and cost") with {@code --filters=off} for a plain registry
 * (Temporal's defaults: full percentile histograms, its padded labels on our meters too) or {@code
 * --filters=on} for {@link Metrics#newRegistry()}. Runs go 5 at a time: the embedded server starves
 * a few workflows with more in flight, which would only make the run slower, not the scrape bigger.
 */
public final class ScrapeSizeBenchmark {

  private static final int RUNS = 1_000;
  private static final int PIPELINES = 10;
  private static final List<String> MODELS = List.of("sim-small", "sim-large", "gpt-4o-mini");
  private static final String QUEUE = "bench";

  private ScrapeSizeBenchmark() {}

  public static void main(String[] args) throws Exception {
    try {
      measure(args);
    } finally {
      // The test server's threads are not daemons; a failure must not leave the JVM hanging.
      System.exit(0);
    }
  }

  private static void measure(String[] args) throws Exception {
    boolean filters = !List.of(args).contains("--filters=off");
    PrometheusMeterRegistry registry =
        filters ? Metrics.newRegistry() : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Scope scope = Telemetry.newTemporalMetricsScope(registry, Duration.ofMillis(500));
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setMetricsScope(scope).build());
    AgentsConfiguration config = new AgentsConfiguration();
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(PipelineWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new AgentActivities(
            BuiltInAgents.create(config, PriceTable.loadDefault(), Clock.systemUTC()),
            AgentMetrics.of(registry, config, PriceTable.loadDefault())));
    env.start();
    WorkflowClient client = env.getWorkflowClient();

    List<PipelineDefinition> pipelines = new ArrayList<>();
    for (int p = 0; p < PIPELINES; p++) {
      pipelines.add(pipeline("bench-" + p));
    }
    ObjectMapper json = new ObjectMapper();
    long started = System.nanoTime();
    ExecutorService clients = Executors.newFixedThreadPool(5);
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      PipelineDefinition pipeline = pipelines.get(i % PIPELINES);
      String id = "bench-run-" + i;
      futures.add(
          clients.submit(
              () ->
                  client
                      .newWorkflowStub(
                          PipelineWorkflow.class,
                          WorkflowOptions.newBuilder()
                              .setTaskQueue(QUEUE)
                              .setWorkflowId(id)
                              .build())
                      .run(
                          PipelineRunInput.of(
                              pipeline, json.readTree("{\"topic\": \"" + id + "\"}")))));
    }
    for (Future<?> future : futures) {
      future.get();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    clients.shutdown();
    // Tally buffers the workflows' counters and flushes them once a second.
    String scrape =
        Poll.until(
            "tally to flush every run's completion",
            Duration.ofSeconds(20),
            registry::scrape,
            s -> RunMetricsTest.value(s, "agenthub_pipeline_runs_completed_total", "") >= RUNS);
    Map<String, Integer> linesByFamily = new TreeMap<>();
    int lines = 0;
    for (String line : scrape.split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      lines++;
      linesByFamily.merge(family(line), 1, Integer::sum);
    }
    System.out.printf(
        "filters=%s runs=%d (%.0f runs/s, embedded test server, 5 in flight)%n",
        filters ? "on" : "off", RUNS, RUNS / seconds);
    System.out.printf(
        "scrape: %d sample lines, %d bytes%n",
        lines, scrape.getBytes(StandardCharsets.UTF_8).length);
    linesByFamily.forEach((family, count) -> System.out.printf("  %-12s %6d%n", family, count));
    env.close();
    scope.close();
  }

  private static String family(String line) {
    for (String prefix : List.of("temporal_", "agenthub_", "gen_ai_", "jvm_", "process_")) {
      if (line.startsWith(prefix)) {
        return prefix + "*";
      }
    }
    return "other";
  }

  private static PipelineDefinition pipeline(String name) {
    StringBuilder yaml = new StringBuilder("name: " + name + "\nsteps:\n");
    for (int m = 0; m < MODELS.size(); m++) {
      yaml.append("  - id: ask_")
          .append(m)
          .append("\n    agent: llm\n    with: {provider: simulated, model: ")
          .append(MODELS.get(m))
          .append(", prompt: \"Summarise ${{ input.topic }}\", latency: 1ms}\n");
    }
    return PipelineLoader.parse(yaml.toString(), name + ".yml", AgentCatalog.builtIn());
  }
}
