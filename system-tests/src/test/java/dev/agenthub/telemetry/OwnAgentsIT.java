package dev.agenthub.telemetry;

import static dev.agenthub.system.ApiTestClient.OPERATOR;
import static dev.agenthub.system.ApiTestClient.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.devkit.TemporalCliServer;
import dev.agenthub.system.ApiTestClient;
import dev.agenthub.system.ApiTestClient.Reply;
import dev.agenthub.system.TestPorts;
import dev.agenthub.system.TestTools;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Your own agents", end to end: {@code dev} on the Temporal CLI server with the
 * examples' agents directory (the Java agent's jar on its class path), plus the Python example
 * worker on its own task queue; a run of {@code llm} → Python {@code score-lead} → Java {@code
 * enrich-lead}. Both processes export to one in-process OTLP receiver: the Python span carries the
 * trace id of the API request that started the run.
 */
class OwnAgentsIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String QUEUE = "python-agents";

  @TempDir static Path dir;

  private static OtlpReceiver receiver;
  private static ChildProcess dev;
  private static ChildProcess python;
  private static ApiTestClient api;
  private static int adminPort;
  private static String earlyRun;
  private static JsonNode earlyWaiting;
  private static JsonNode agentsBeforePython;

  @BeforeAll
  static void startDevAndThePythonAgent() throws Exception {
    Path repo = TestTools.repoRoot();
    Path interpreter = pythonWithTemporalio(repo);
    Path temporal = temporalCli(repo);
    receiver = new OtlpReceiver();
    int port = TestPorts.free();
    int temporalPort = TestPorts.free();
    adminPort = TestPorts.free();
    Path config = dir.resolve("dev.yml");
    Files.writeString(
        config,
        """
        server:
          applicationConnectors: [{type: http, port: %d}]
          adminConnectors: [{type: http, port: %d}]
          requestLog: {appenders: []}
        temporal:
          target: 127.0.0.1:%d
          uiBaseUrl: http://localhost:%d
        pipelinesDir: %s
        agentsDir: %s
        auth:
          keys:
            - {name: vic, role: viewer, value: viewer-key}
            - {name: olga, role: operator, value: operator-key}
        worker:
          virtualThreads: false
        """
            .formatted(
                port,
                adminPort,
                temporalPort,
                TestPorts.free(),
                repo.resolve("examples/agents/pipelines"),
                repo.resolve("examples/agents")));
    Map<String, String> otel = new HashMap<>();
    otel.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint());
    otel.put("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", null);
    otel.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
    otel.put("OTEL_BSP_SCHEDULE_DELAY", "200");
    Map<String, String> devEnvironment = new HashMap<>(otel);
    devEnvironment.put("AGENTHUB_HOME", dir.toString());
    devEnvironment.put(TemporalCliServer.BINARY_ENV, temporal.toString());
    dev =
        ChildProcess.agenthub(
            "dev", List.of("dev", "--server=temporal-cli", config.toString()), devEnvironment, dir);
    api = new ApiTestClient(port);
    ChildProcess.await(
        "the dev process to serve",
        WAIT,
        () -> Optional.of(api.get("/api/v1/pipelines", VIEWER)).filter(r -> r.status() == 200),
        dev);

    // Before the Python worker runs: the API lists its agent unpolled, and a run waits for it.
    agentsBeforePython = api.get("/api/v1/agents", VIEWER).body();
    earlyRun =
        api.post(
                "/api/v1/pipelines/lead-scoring/runs",
                OPERATOR,
                "{\"input\": {\"company\": \"Early\"}}")
            .body()
            .path("workflowId")
            .asText();
    earlyWaiting =
        api.await("/api/v1/runs/" + earlyRun, r -> r.path("waiting").size() > 0, WAIT)
            .path("waiting");

    Map<String, String> pythonEnvironment = new HashMap<>(otel);
    pythonEnvironment.put("TEMPORAL_ADDRESS", "127.0.0.1:" + temporalPort);
    pythonEnvironment.put("AGENT_TASK_QUEUE", QUEUE);
    pythonEnvironment.put("OTEL_SERVICE_NAME", "score-lead-agent");
    python =
        ChildProcess.start(
            "python-agent",
            List.of(
                interpreter.toString(),
                repo.resolve("examples/agents/python/score_lead_worker.py").toString()),
            pythonEnvironment,
            dir);
    ChildProcess.await(
        "the python agent to poll " + QUEUE,
        WAIT,
        () ->
            Optional.of(python.output())
                .filter(out -> out.contains("score-lead agent polling task queue " + QUEUE)),
        python,
        dev);
  }

  @AfterAll
  static void stop() throws Exception {
    if (python != null) {
      python.close();
    }
    if (dev != null) {
      dev.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void run_llmThenPythonThenJavaAgent_oneTraceAndOneLedger() throws Exception {
    Reply started =
        api.post(
            "/api/v1/pipelines/lead-scoring/runs",
            OPERATOR,
            "{\"input\": {\"company\": \"Acme\"}}");
    assertThat(started.status()).as(started.raw().body()).isEqualTo(201);
    String id = started.body().path("workflowId").asText();
    String traceId = started.raw().headers().firstValue("X-Trace-Id").orElseThrow();

    JsonNode run =
        api.await(
            "/api/v1/runs/" + id, r -> !r.path("status").asText().matches("running|pending"), WAIT);

    assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
    JsonNode output = run.path("output");
    double score = output.path("score").asDouble();
    assertThat(output.path("company").asText()).isEqualTo("Acme");
    assertThat(score).isBetween(0.3, 1.0);
    String tier = score >= 0.7 ? "A" : score >= 0.4 ? "B" : "C";
    assertThat(output.path("tier").asText()).isEqualTo(tier);
    assertThat(output.path("owner").asText())
        .isEqualTo("A".equals(tier) ? "enterprise-sales" : "inside-sales");
    JsonNode scoreStep = step(run, "score");
    assertThat(scoreStep.path("output").path("hot").asBoolean()).isEqualTo(score >= 0.4);
    assertThat(scoreStep.path("usage").path("costUsd").asDouble()).isEqualTo(0.0002);
    assertThat(step(run, "route").path("output").path("step").asText()).isEqualTo("route");

    // One trace: the API request, the workflow, the Python activity and the Java agent's span.
    // Each process exports in batches, so wait until every expected span has arrived.
    List<String> expected =
        List.of(
            "POST /api/v1/pipelines/{name}/runs",
            "RunWorkflow:PipelineWorkflow",
            "RunActivity:llm",
            "RunActivity:score-lead",
            "score-lead model",
            "RunActivity:enrich-lead",
            "enrich-lead tier");
    List<OtlpReceiver.ReceivedSpan> trace =
        ChildProcess.await(
            "the API's, the workflow's and the Python and Java agents' spans in the run's trace",
            WAIT,
            () -> Optional.of(spansOf(traceId)).filter(spans -> names(spans).containsAll(expected)),
            dev,
            python);
    assertThat(names(trace)).containsAll(expected);
    assertThat(
            trace.stream()
                .filter(s -> s.span().getName().equals("RunActivity:score-lead"))
                .map(OwnAgentsIT::serviceName))
        .containsExactly("score-lead-agent");
    System.out.println("cross-language trace " + traceId + ": " + summary(trace));

    // One ledger: each Python call's reported cost counted once by the dev process's worker. Two
    // runs call it (this one and the one started before the Python worker): wait for both.
    JsonNode early =
        api.await(
            "/api/v1/runs/" + earlyRun,
            r -> !r.path("status").asText().matches("running|pending"),
            WAIT);
    String metrics = httpGet("http://127.0.0.1:" + adminPort + "/metrics");
    double cost = counter(metrics, "agenthub_agent_cost_usd_total", "score-lead");
    double tokens = counter(metrics, "agenthub_agent_tokens_total", "score-lead");
    System.out.println(
        "counters after 2 runs: agenthub_agent_cost_usd_total{agent=score-lead}="
            + cost
            + " agenthub_agent_tokens_total{agent=score-lead}="
            + tokens);
    JsonNode earlyUsage = step(early, "score").path("usage");
    JsonNode usage = scoreStep.path("usage");
    assertThat(cost)
        .isCloseTo(
            usage.path("costUsd").asDouble() + earlyUsage.path("costUsd").asDouble(), offset(1e-12))
        .isCloseTo(0.0004, offset(1e-12));
    assertThat(tokens)
        .isEqualTo(
            usage.path("inputTokens").asDouble()
                + usage.path("outputTokens").asDouble()
                + earlyUsage.path("inputTokens").asDouble()
                + earlyUsage.path("outputTokens").asDouble());
  }

  @Test
  void runStartedBeforeThePythonWorker_waitsForAWorkerOnItsQueue_thenCompletes() {
    assertThat(earlyWaiting).hasSize(1);
    assertThat(earlyWaiting.get(0).path("step").asText()).isEqualTo("score");
    assertThat(earlyWaiting.get(0).path("message").asText())
        .isEqualTo("waiting for a worker on queue " + QUEUE);

    JsonNode run =
        api.await(
            "/api/v1/runs/" + earlyRun,
            r -> !r.path("status").asText().matches("running|pending"),
            WAIT);
    assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
    assertThat(run.has("waiting")).isFalse();
  }

  @Test
  void agents_listKindQueueSchema_andWhetherAWorkerPollsTheQueue() {
    JsonNode before = agent(agentsBeforePython, "score-lead");
    assertThat(before.path("kind").asText()).isEqualTo("external");
    assertThat(before.path("taskQueue").asText()).isEqualTo(QUEUE);
    assertThat(before.path("polled").asBoolean()).isFalse();
    assertThat(before.path("arguments").path("required").toString())
        .isEqualTo("[\"company\",\"summary\"]");

    JsonNode now = api.get("/api/v1/agents", VIEWER).body();
    assertThat(agent(now, "score-lead").path("polled").asBoolean()).isTrue();
    assertThat(agent(now, "enrich-lead").path("kind").asText()).isEqualTo("java");
    assertThat(agent(now, "enrich-lead").path("polled").asBoolean()).isTrue();
    assertThat(agent(now, "llm").path("kind").asText()).isEqualTo("built-in");
  }

  private static JsonNode agent(JsonNode list, String name) {
    for (JsonNode agent : list.path("agents")) {
      if (agent.path("name").asText().equals(name)) {
        return agent;
      }
    }
    throw new AssertionError("no agent " + name + " in " + list);
  }

  private static JsonNode step(JsonNode run, String id) {
    for (JsonNode step : run.path("steps")) {
      if (step.path("id").asText().equals(id)) {
        return step;
      }
    }
    throw new AssertionError("no step " + id + " in " + run);
  }

  private static List<OtlpReceiver.ReceivedSpan> spansOf(String traceId) {
    return receiver.spans().stream().filter(s -> s.traceId().equals(traceId)).toList();
  }

  private static List<String> names(List<OtlpReceiver.ReceivedSpan> spans) {
    return spans.stream().map(s -> s.span().getName()).toList();
  }

  private static String serviceName(OtlpReceiver.ReceivedSpan span) {
    return span.resource().getAttributesList().stream()
        .filter(a -> a.getKey().equals("service.name"))
        .map(KeyValue::getValue)
        .map(v -> v.getStringValue())
        .findFirst()
        .orElse("");
  }

  private static String summary(List<OtlpReceiver.ReceivedSpan> spans) {
    return String.join(
        ", ", spans.stream().map(s -> serviceName(s) + "/" + s.span().getName()).toList());
  }

  /** The sum of {@code name}'s series of {@code agent}. */
  private static double counter(String metrics, String name, String agent) {
    Matcher line = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} (\\S+)").matcher(metrics);
    double sum = 0;
    while (line.find()) {
      if (line.group(1).contains("agent=\"" + agent + "\"")) {
        sum += Double.parseDouble(line.group(2));
      }
    }
    return sum;
  }

  private static String httpGet(String url) throws IOException, InterruptedException {
    HttpResponse<String> reply =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    return reply.body();
  }

  /** The example's virtual environment ({@code scripts/install-python-agents.sh}). */
  private static Path pythonWithTemporalio(Path repo) throws Exception {
    Path interpreter = repo.resolve(".tools/python-agents/bin/python");
    if (!Files.isExecutable(interpreter)) {
      return TestTools.missing(
          "python with temporalio not found at "
              + interpreter
              + " (scripts/install-python-agents.sh installs it)");
    }
    Process check =
        new ProcessBuilder(
                interpreter.toString(),
                "-c",
                "import temporalio.contrib.opentelemetry, opentelemetry.exporter.otlp")
            .redirectErrorStream(true)
            .start();
    if (check.waitFor() != 0) {
      return TestTools.missing(
          "temporalio or OpenTelemetry missing in "
              + interpreter
              + " (scripts/install-python-agents.sh installs them)");
    }
    return interpreter;
  }

  private static Path temporalCli(Path repo) {
    return TestTools.require("temporal", "scripts/install-temporal-cli.sh installs it");
  }
}
