package dev.agenthub.bench;

import dev.agenthub.api.ApiConfiguration;
import dev.agenthub.devkit.AgentHubMain;
import dev.agenthub.devkit.DevCommand;
import dev.agenthub.devkit.DevServer;
import dev.agenthub.devkit.TemporalCliServer;
import dev.agenthub.run.PipelineWorkflow;
import dev.agenthub.system.TestPorts;
import dev.agenthub.telemetry.Telemetry;
import io.dropwizard.testing.DropwizardTestSupport;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The throughput benchmark: {@code scripts/bench-throughput.sh [--option=value ...]} (options in
 * {@link BenchmarkOptions}). Starts {@code dev} in this JVM (the embedded test server, or no server
 * of its own when the runs go to a Temporal CLI dev server), a worker of its own for the
 * hand-written baseline, and prints, per scenario, throughput and p50/p99 latencies of four
 * variants (the hand-written workflow, plain and observed as the platform's runs are, the pipeline
 * started through the SDK, the pipeline started through the HTTP API) and each variant's ratio to
 * the first.
 */
public final class ThroughputBenchmark {

  private static final String KEY = "bench-operator-key";

  /** Runs, one at a time, whose Temporal requests are counted. */
  private static final int REQUEST_COUNT_RUNS = 20;

  private ThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    run(BenchmarkOptions.parse(args), System.out);
    System.exit(0);
  }

  /** Runs the benchmark {@code options} describe, printing its figures to {@code out}. */
  static void run(BenchmarkOptions options, PrintStream out) throws Exception {
    TemporalCliServer cli = null;
    String target = options.temporal();
    if (target == null && options.server().equals("temporal-cli")) {
      Path dir = Files.createTempDirectory("bench-temporal");
      cli =
          new TemporalCliServer(
              Path.of(".tools/bin/temporal").toAbsolutePath(),
              dir.resolve("temporal.db"),
              TestPorts.free(),
              TestPorts.free());
      cli.start();
      target = "127.0.0.1:" + cli.port();
    }
    boolean embedded = target == null;
    if (embedded) {
      target = "127.0.0.1:" + TestPorts.free();
    }
    DropwizardTestSupport<ApiConfiguration> dev =
        new DropwizardTestSupport<>(
            AgentHubMain.class,
            writeConfig(target).toString(),
            (String) null,
            application ->
                new DevCommand(
                    out, Telemetry::startLocal, embedded ? DevServer.EMBEDDED : DevServer.NONE));
    dev.before();
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    HttpClient http = HttpClient.newHttpClient();
    URI api = URI.create("http://127.0.0.1:" + dev.getLocalPort());
    PipelineRuns pipeline = new PipelineRuns(http, api, KEY);
    WorkflowClient client = WorkflowClient.newInstance(stubs);
    PipelineSdkRuns pipelineWithoutApi =
        new PipelineSdkRuns(client, PipelineWorkflow.DEFAULT_TASK_QUEUE);
    try (HandWrittenRuns handWritten = HandWrittenRuns.plain(client);
        HandWrittenRuns observed = HandWrittenRuns.observed(target)) {
      out.printf(
          "%nserver: %s; %d cores; load average before: %s; %s%n",
          options.serverName(),
          Runtime.getRuntime().availableProcessors(),
          loadAverage(),
          System.getProperty("java.vm.name") + " " + Runtime.version());
      if (embedded) {
        out.println(
            "(the embedded server starves a few tasks at 20+ in flight: trust its p50 and"
                + " throughput, not its p99)");
      }
      Map<String, RunLauncher> launchers =
          Map.of(
              "hand",
              handWritten,
              "observed",
              observed,
              "sdk",
              pipelineWithoutApi,
              "api",
              pipeline);
      List<RunLauncher> variants = options.variants().stream().map(launchers::get).toList();
      TemporalCliServer server = cli;
      Supplier<Duration> serverCpu = server == null ? () -> Duration.ZERO : server::cpuTime;
      for (BenchmarkOptions.Scenario scenario : options.scenarios()) {
        runScenario(out, options, scenario, variants, serverCpu, server != null);
      }
      TemporalRequests requests =
          new TemporalRequests(
              http, URI.create("http://127.0.0.1:" + dev.getAdminPort() + "/metrics"));
      Map<String, Double> before = requests.settled();
      new LoadRunner(false, 1, serverCpu).run(pipeline, REQUEST_COUNT_RUNS, new Samples());
      out.println(
          "Temporal requests of the platform per pipeline run (start, wait, view), polls left out: "
              + TemporalRequests.perRun(before, requests.settled(), REQUEST_COUNT_RUNS));
      if (options.pollRuns() > 0) {
        out.println(
            "polling GET /api/v1/runs/{id} every 50 ms: "
                + new QueriesPerPoll(http, pipeline, requests).measure(options.pollRuns()));
      }
      out.printf("load average after: %s%n", loadAverage());
    } finally {
      dev.after();
      stubs.shutdownNow();
      if (cli != null) {
        cli.close();
      }
    }
  }

  private static void runScenario(
      PrintStream out,
      BenchmarkOptions options,
      BenchmarkOptions.Scenario scenario,
      List<RunLauncher> variants,
      Supplier<Duration> serverCpu,
      boolean separateServer)
      throws InterruptedException, java.io.IOException {
    LoadRunner runner = new LoadRunner(scenario.openLoop(), scenario.concurrency(), serverCpu);
    for (RunLauncher variant : variants) {
      // Profiled or not like the measured batches: the warm-up warms the flight recorder too.
      measure(
          options, new CpuProfile(), () -> runner.run(variant, options.warmup(), new Samples()));
    }
    int count = variants.size();
    Samples[] samples = new Samples[count];
    CpuProfile[] profiles = new CpuProfile[count];
    for (int i = 0; i < count; i++) {
      samples[i] = new Samples();
      profiles[i] = new CpuProfile();
    }
    for (int round = 0; round < options.rounds(); round++) {
      for (int i = 0; i < count; i++) {
        // Even rounds go forwards, odd ones backwards: no variant always runs first.
        int which = round % 2 == 0 ? i : count - 1 - i;
        measure(
            options,
            profiles[which],
            () -> runner.run(variants.get(which), options.runs(), samples[which]));
      }
    }
    out.printf(
        "%n%s, %d runs x %d rounds per variant, alternating, after %d warm-up runs each%n",
        scenario, options.runs(), options.rounds(), options.warmup());
    ScenarioReport report = new ScenarioReport(variants, samples);
    report.printThroughput(out, separateServer);
    if (options.profile()) {
      report.printProfiles(out, profiles);
    }
  }

  /** Runs {@code batch}, sampled into {@code profile} when the options ask for profiles. */
  private static void measure(
      BenchmarkOptions options, CpuProfile profile, CpuProfile.Batch<InterruptedException> batch)
      throws InterruptedException, java.io.IOException {
    if (options.profile()) {
      profile.record(batch);
    } else {
      batch.run();
    }
  }

  private static String loadAverage() {
    try {
      return String.join(
          " ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static Path writeConfig(String target) throws java.io.IOException {
    Path dir = Files.createTempDirectory("bench-dev");
    Path pipelines = Files.createDirectories(dir.resolve("pipelines"));
    Files.writeString(pipelines.resolve("bench-noop.yml"), PipelineRuns.YAML);
    Files.writeString(pipelines.resolve("bench-poll.yml"), QueriesPerPoll.YAML);
    Path agents = Files.createDirectories(dir.resolve("agents"));
    Path config = dir.resolve("dev.yml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "server:",
            "  applicationConnectors: [{type: http, port: 0}]",
            "  adminConnectors: [{type: http, port: 0}]",
            "  requestLog: {appenders: []}",
            "logging: {level: WARN}",
            "temporal: {target: \"" + target + "\"}",
            "pipelinesDir: " + pipelines,
            "agentsDir: " + agents,
            "auth:",
            "  keys:",
            "    - {name: bench, role: operator, value: " + KEY + "}",
            ""));
    return config;
  }
}
