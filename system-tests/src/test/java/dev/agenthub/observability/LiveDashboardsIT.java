package dev.agenthub.observability;

import static dev.agenthub.system.ApiTestClient.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.api.ApiConfiguration;
import dev.agenthub.cluster.WorkerProcess;
import dev.agenthub.observability.Dashboards.Panel;
import dev.agenthub.system.ApiTestClient;
import dev.agenthub.system.ApiTestClient.Reply;
import dev.agenthub.system.DevApps;
import dev.agenthub.system.TestPorts;
import dev.agenthub.system.TestTools;
import dev.agenthub.testing.Poll;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every query of every dashboard panel and every rule against real metrics: the dev setup (embedded
 * Temporal and the API, its in-process worker turned off) and a standalone worker JVM ({@code
 * WorkerMain}, as production runs it) run a workload of successes, retries, failures, an approval
 * and a budget stop; the deployed {@code prometheus} scrapes the API's and the worker's own admin
 * ports every second with our rules loaded; then each query runs through the Prometheus HTTP API
 * and must return data, unless {@code empty-ok.yml} says why it may not.
 *
 * <p>{@code -Dagenthub.metricsPath} names the API admin-port path that serves the Prometheus text
 * format (default {@code /metrics}).
 */
class LiveDashboardsIT {

  private static final Duration RUN_WAIT = Duration.ofSeconds(60);
  private static final String RATE_INTERVAL = "30s";
  private static final String RANGE = "10m";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static DropwizardTestSupport<ApiConfiguration> app;
  private static WorkerProcess worker;
  private static Process prometheus;
  private static String prometheusUrl;
  private static ApiTestClient api;
  private static int appPort;

  @BeforeAll
  static void start() throws Exception {
    Tool prometheusBinary = Tool.require("prometheus");
    Path root = TestTools.repoRoot();
    Path work = Files.createTempDirectory("live-dashboards");

    Path pipelines = Files.createDirectories(work.resolve("pipelines"));
    writePipelines(pipelines);
    Path config = work.resolve("api.yml");
    Files.writeString(config, appConfig(pipelines));
    app = DevApps.support(config.toString());
    app.before();
    appPort = app.getLocalPort();
    api = new ApiTestClient(appPort);
    int workerAdminPort = TestPorts.free();
    worker =
        new WorkerProcess(
            work.resolve("worker"), app.getConfiguration().getTemporal().target(), workerAdminPort);
    worker.start();
    awaitWorkerMetrics(workerAdminPort);

    int prometheusPort = TestPorts.free();
    prometheusUrl = "http://127.0.0.1:" + prometheusPort;
    Path prometheusConfig = work.resolve("prometheus.yml");
    Files.writeString(
        prometheusConfig,
        prometheusConfig(
            rulesEvaluatedEverySecond(root, work), app.getAdminPort(), workerAdminPort));
    prometheus =
        new ProcessBuilder(
                prometheusBinary.binary().toString(),
                "--config.file=" + prometheusConfig,
                "--storage.tsdb.path=" + work.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + prometheusPort)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("prometheus.log").toFile())
            .start();
    awaitReady(work.resolve("prometheus.log"));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (prometheus != null) {
      prometheus.destroy();
      prometheus.waitFor();
    }
    if (worker != null) {
      worker.close();
    }
    if (app != null) {
      app.after();
    }
  }

  @Test
  void everyQueryOfEveryPanelReturnsData_andEveryRuleEvaluates() throws Exception {
    int runs = runWorkload();
    // A long-lived process collects garbage; this short one may not have yet, and Micrometer
    // registers the GC pause timers at the first collection of this JVM (the dev app's).
    System.gc();
    awaitScrapes(runs);
    assertTargetsUp();
    awaitRulesEvaluated();

    EmptyPanelAllowlist allowed =
        EmptyPanelAllowlist.read(Dashboards.dir().resolve("empty-ok.yml"));
    List<String> problems = new ArrayList<>();
    for (Panel panel : Dashboards.panels()) {
      for (String expr : panel.exprs()) {
        String promql = Dashboards.substitute(expr, RATE_INTERVAL, RANGE);
        JsonNode reply = query(promql);
        if (!"success".equals(reply.path("status").asText())) {
          problems.add(panel + ": query error " + reply.path("error").asText() + " in " + promql);
        } else if (reply.at("/data/result").isEmpty() && !allowed.allowsEmpty(panel, expr)) {
          problems.add(
              panel
                  + ": no data (add it to empty-ok.yml with a reason if that is right) for "
                  + expr);
        }
      }
    }
    for (JsonNode group : get("/api/v1/rules").at("/data/groups")) {
      for (JsonNode rule : group.path("rules")) {
        if (!"ok".equals(rule.path("health").asText())) {
          problems.add(
              "rule "
                  + rule.path("name").asText()
                  + " in "
                  + group.path("name").asText()
                  + ": health "
                  + rule.path("health").asText()
                  + " "
                  + rule.path("lastError").asText());
        }
      }
    }
    assertThat(problems).as(String.join("\n", problems)).isEmpty();
  }

  /** Drives the workload and returns how many runs it saw finish. */
  private static int runWorkload() {
    String flaky = "http://127.0.0.1:" + appPort + "/dev/flaky";
    List<String[]> expected = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      expected.add(new String[] {start("quick", "{}"), "succeeded"});
    }
    expected.add(
        new String[] {
          start("retrying", "{\"url\": \"" + flaky + "?failures=2&key=retry\"}"), "succeeded"
        });
    expected.add(
        new String[] {
          start("fragile", "{\"url\": \"" + flaky + "?failures=9&key=fail\"}"), "failed"
        });
    expected.add(new String[] {start("stingy", "{\"topic\": \"budgets\"}"), "budget_exceeded"});
    String review = start("review", "{\"subject\": \"dashboards\"}");
    api.await(
        "/api/v1/runs/" + review,
        run -> run.path("steps").toString().contains("waiting_approval"),
        RUN_WAIT);
    assertThat(
            api.post("/api/v1/runs/" + review + "/steps/approve/approve", OPERATOR, "{}").status())
        .isEqualTo(202);
    expected.add(new String[] {review, "succeeded"});
    api.get("/api/v1/runs/no-such-run", OPERATOR);

    for (String[] run : expected) {
      JsonNode done =
          api.await(
              "/api/v1/runs/" + run[0],
              r -> !r.path("status").asText().equals("running"),
              RUN_WAIT);
      // A budget stop is a failed run whose failure type says why.
      String status =
          done.at("/failure/type").asText().equals("BudgetExceeded")
              ? "budget_exceeded"
              : done.path("status").asText();
      assertThat(status).as(run[0]).isEqualTo(run[1]);
    }
    return expected.size();
  }

  private static String start(String pipeline, String input) {
    Reply reply =
        api.post("/api/v1/pipelines/" + pipeline + "/runs", OPERATOR, "{\"input\": " + input + "}");
    assertThat(reply.status()).as(pipeline + ": " + reply.body()).isEqualTo(201);
    return reply.body().path("workflowId").asText();
  }

  /**
   * Waits until Prometheus has scraped every finished run, each series at least three times (the
   * Temporal SDK reports workflow metrics once a second, so the last ones arrive a little after the
   * runs end).
   */
  private static void awaitScrapes(int runs) {
    Poll.untilTrue(
        "Prometheus to scrape the completion of all " + runs + " runs three times",
        Duration.ofSeconds(60),
        () -> {
          // Workflow code counts completions, so the standalone worker's endpoint reports them.
          double completed =
              scalar("sum(agenthub_pipeline_runs_completed_total{job=\"agenthub-worker\"})");
          // rate() needs samples on both sides of a change: every series scraped three times over.
          double samples =
              scalar(
                  "min(count_over_time(agenthub_pipeline_runs_completed_total{job=\"agenthub-worker\"}[1m]))");
          return completed >= runs && samples >= 3;
        });
  }

  /** The single value {@code promql} yields, or 0 when it yields nothing. */
  private static double scalar(String promql) throws Exception {
    JsonNode result = query(promql).at("/data/result");
    return result.size() == 1 ? result.get(0).at("/value/1").asDouble() : 0;
  }

  private static void assertTargetsUp() throws Exception {
    for (JsonNode target : get("/api/v1/targets").at("/data/activeTargets")) {
      assertThat(target.path("health").asText())
          .as(
              "scrape of %s (%s): %s",
              target.path("scrapeUrl").asText(),
              target.at("/labels/job").asText(),
              target.path("lastError").asText())
          .isEqualTo("up");
    }
  }

  /**
   * Waits until every rule has been evaluated, and then until every group has been evaluated once
   * more: rules that read other groups' results see them only from their second round.
   */
  private static void awaitRulesEvaluated() {
    AtomicReference<Map<String, String>> firstRound = new AtomicReference<>();
    Poll.untilTrue(
        "Prometheus to evaluate every rule twice",
        Duration.ofSeconds(90),
        () -> {
          boolean all = true;
          Map<String, String> evaluated = new HashMap<>();
          for (JsonNode group : get("/api/v1/rules").at("/data/groups")) {
            evaluated.put(group.path("name").asText(), group.path("lastEvaluation").asText());
            for (JsonNode rule : group.path("rules")) {
              all &= !"unknown".equals(rule.path("health").asText());
            }
          }
          Map<String, String> first = firstRound.get();
          if (first == null) {
            if (all) {
              firstRound.set(evaluated);
            }
            return false;
          }
          return evaluated.entrySet().stream()
              .allMatch(e -> !e.getValue().equals(first.get(e.getKey())));
        });
  }

  /** Waits until the standalone worker serves its metrics; fails early if its JVM exits. */
  private static void awaitWorkerMetrics(int adminPort) throws Exception {
    URI metrics = URI.create("http://127.0.0.1:" + adminPort + "/metrics");
    Poll.untilTrue(
        "the standalone worker to serve " + metrics,
        // A JVM start: on two loaded cores it has taken over a minute.
        Duration.ofSeconds(180),
        () -> {
          if (!worker.isAlive()) {
            fail("the worker exited: " + worker.log());
          }
          try {
            return HTTP.send(
                        HttpRequest.newBuilder(metrics).build(),
                        HttpResponse.BodyHandlers.ofString())
                    .statusCode()
                == 200;
          } catch (IOException notYet) {
            return false;
          }
        });
  }

  private static void awaitReady(Path log) throws Exception {
    try {
      Poll.untilTrue(
          "prometheus to be ready",
          Duration.ofSeconds(30),
          () -> {
            if (!prometheus.isAlive()) {
              fail("prometheus exited: " + Files.readString(log));
            }
            try {
              return HTTP.send(
                          HttpRequest.newBuilder(URI.create(prometheusUrl + "/-/ready")).build(),
                          HttpResponse.BodyHandlers.ofString())
                      .statusCode()
                  == 200;
            } catch (IOException notYet) {
              return false;
            }
          });
    } catch (AssertionError e) {
      if (!prometheus.isAlive()) {
        throw e;
      }
      throw new AssertionError(e.getMessage() + "\n" + Files.readString(log), e);
    }
  }

  private static JsonNode query(String promql) throws Exception {
    return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
  }

  private static JsonNode get(String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(prometheusUrl + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  /**
   * Our rule files with every group evaluated each second: a minute-long group interval would only
   * make the test wait, and the rules' results (not their timing, which promtool tests) are what
   * the panels read.
   */
  private static Path rulesEvaluatedEverySecond(Path root, Path work) throws IOException {
    Path rules = Files.createDirectories(work.resolve("rules"));
    try (var files = Files.list(root.resolve("observability/prometheus/rules"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
        String text = Files.readString(file).replaceAll("(?m)^(\\s*interval:) \\S+", "$1 1s");
        Files.writeString(rules.resolve(file.getFileName()), text);
      }
    }
    return rules;
  }

  private static String prometheusConfig(Path rules, int apiAdminPort, int workerAdminPort) {
    String metricsPath = System.getProperty("agenthub.metricsPath", "/metrics");
    return """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        rule_files:
          - %s/*.yml
        scrape_configs:
          - job_name: agenthub-api
            metrics_path: %s
            static_configs: [{targets: ["127.0.0.1:%d"]}]
          - job_name: agenthub-worker
            metrics_path: /metrics
            static_configs: [{targets: ["127.0.0.1:%d"]}]
        """
        .formatted(rules, metricsPath, apiAdminPort, workerAdminPort);
  }

  private static String appConfig(Path pipelines) {
    return """
        server:
          applicationConnectors: [{type: http, port: 0}]
          adminConnectors: [{type: http, port: 0}]
          requestLog: {appenders: []}
        logging:
          level: WARN
        temporal:
          target: 127.0.0.1:7233
        pipelinesDir: %s
        embeddedWorker: false
        auth:
          keys:
            - {name: vic, role: viewer, value: viewer-key}
            - {name: olga, role: operator, value: operator-key}
            - {name: ada, role: admin, value: admin-key}
        agents:
          llm:
            simulated:
              latency: 10ms
        """
        .formatted(pipelines);
  }

  private static void writePipelines(Path dir) throws IOException {
    Map<String, String> pipelines = new HashMap<>();
    pipelines.put(
        "quick",
        """
        name: quick
        steps:
          - id: only
            agent: transform
            with:
              expression: '{"done": true}'
        """);
    pipelines.put(
        "retrying",
        """
        name: retrying
        input: {type: object, required: [url], properties: {url: {type: string}}}
        steps:
          - id: fetch
            agent: http
            with: {url: "${{ input.url }}", method: GET}
            retry: {maxAttempts: 4, initialInterval: 100ms, backoffCoefficient: 1}
          - id: draft
            agent: llm
            needs: [fetch]
            with: {provider: simulated, model: sim-small, prompt: "Summarise the answer", max_tokens: 20}
        """);
    pipelines.put(
        "fragile",
        """
        name: fragile
        input: {type: object, required: [url], properties: {url: {type: string}}}
        steps:
          - id: fetch
            agent: http
            with: {url: "${{ input.url }}", method: GET}
            retry: {maxAttempts: 2, initialInterval: 100ms, backoffCoefficient: 1}
        """);
    pipelines.put(
        "stingy",
        """
        name: stingy
        input: {type: object, required: [topic], properties: {topic: {type: string}}}
        budget: {maxCostUsd: 0.0000001}
        steps:
          - id: outline
            agent: llm
            with: {provider: simulated, model: sim-large, prompt: "Outline ${{ input.topic }}", max_tokens: 50}
          - id: draft
            agent: llm
            needs: [outline]
            with: {provider: simulated, model: sim-large, prompt: "Draft ${{ input.topic }}", max_tokens: 50}
        """);
    pipelines.put(
        "review",
        """
        name: review
        input: {type: object, required: [subject], properties: {subject: {type: string}}}
        budget: {maxCostUsd: 0.10}
        steps:
          - id: draft
            agent: llm
            with: {provider: simulated, model: sim-small, prompt: "Draft a note about ${{ input.subject }}", max_tokens: 50}
          - id: approve
            type: approval
            needs: [draft]
            timeout: 1h
          - id: publish
            agent: transform
            needs: [approve]
            with:
              expression: '{"text": steps.draft.output.text}'
        """);
    for (Map.Entry<String, String> p : pipelines.entrySet()) {
      Files.writeString(dir.resolve(p.getKey() + ".yml"), p.getValue());
    }
  }
}
