package dev.agenthub.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.uber.m3.tally.NoopScope;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.api.runs.RunStarter;
import dev.agenthub.devkit.TemporalCliServer;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.PipelineLoader;
import dev.agenthub.run.ApprovalDecision;
import dev.agenthub.run.DecisionRefusals;
import dev.agenthub.run.FailureTypes;
import dev.agenthub.run.PipelineRunInput;
import dev.agenthub.run.PipelineRunResult;
import dev.agenthub.run.PipelineWorkflow;
import dev.agenthub.run.RunProgress;
import dev.agenthub.run.StepStatus;
import dev.agenthub.temporal.TemporalConnection;
import dev.agenthub.temporal.TemporalSettings;
import dev.agenthub.testing.Poll;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing is lost when the Temporal server and the worker die: runs waiting for an approval, in a
 * durable sleep, and in the middle of an agent call all complete after both are killed with SIGKILL
 * and restarted, and no step that had succeeded runs again. Every agent call is an HTTP call to a
 * server in this JVM, which counts them per step.
 */
class DurabilityIT {

  private static final Duration DEADLINE = Duration.ofSeconds(90);

  private final MockWebServer remote = new MockWebServer();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Map<String, Instant> retried = new ConcurrentHashMap<>();
  private TemporalCliServer temporal;
  private WorkerProcess worker;
  private TemporalConnection connection;

  @BeforeEach
  void start() throws Exception {
    remote.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            int call = calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            if (call == 2) {
              retried.putIfAbsent(path, Instant.now());
            }
            MockResponse.Builder response =
                new MockResponse.Builder()
                    .code(200)
                    .addHeader("Content-Type", "application/json")
                    .body("{}");
            if (path.startsWith("/slow") && call == 1) {
              // The first call hangs: the worker is killed while it waits.
              response.headersDelay(60, TimeUnit.SECONDS);
            }
            return response.build();
          }
        });
    remote.start();
  }

  @AfterEach
  void stop() throws Exception {
    if (connection != null) {
      connection.close();
    }
    if (worker != null) {
      worker.close();
    }
    if (temporal != null) {
      temporal.close();
    }
    remote.close();
  }

  private void startTemporalAndWorker(String name) throws Exception {
    temporal = TemporalCli.server(name);
    temporal.start();
    worker = new WorkerProcess(Path.of("target", "temporal-cli", name, "worker"), temporal.port());
    worker.start();
    connection =
        TemporalConnection.open(
            TemporalSettings.defaults().withTarget("127.0.0.1:" + temporal.port()),
            new NoopScope(),
            List.of());
  }

  private PipelineDefinition pipeline(String yaml) {
    return PipelineLoader.parse(
        yaml.replace("REMOTE", remote.url("").toString().replaceAll("/$", "")),
        "test",
        AgentCatalog.builtIn());
  }

  private PipelineWorkflow run(String id, PipelineDefinition pipeline) {
    RunStarter starter =
        new RunStarter(connection.client(), TemporalSettings.defaults().taskQueue());
    starter.start(id, PipelineRunInput.of(pipeline, new ObjectMapper().createObjectNode()));
    return starter.existing(id);
  }

  private static void await(String what, BooleanSupplier condition) {
    Poll.untilTrue(
        what,
        DEADLINE,
        () -> {
          try {
            return condition.getAsBoolean();
          } catch (RuntimeException notYet) {
            // Temporal restarting, or the run not yet visible.
            return false;
          }
        });
  }

  private static StepStatus status(PipelineWorkflow run, String step) {
    RunProgress progress = run.progress();
    return progress.steps().stream()
        .filter(s -> s.id().equals(step))
        .findFirst()
        .orElseThrow()
        .status();
  }

  private int calls(String path) {
    AtomicInteger count = calls.get(path);
    return count == null ? 0 : count.get();
  }

  private static PipelineRunResult result(PipelineWorkflow run) throws Exception {
    return WorkflowStub.fromTyped(run).getResult(90, TimeUnit.SECONDS, PipelineRunResult.class);
  }

  @Test
  void killingServerAndWorker_losesNothing_andRunsNoSucceededStepAgain() throws Exception {
    startTemporalAndWorker("durability-both");
    PipelineWorkflow waiting =
        run(
            "waiting",
            pipeline(
                """
            name: waiting
            steps:
              - {id: first, agent: http, with: {url: "REMOTE/waiting/first"}}
              - {id: review, type: approval, needs: [first]}
              - {id: last, agent: http, needs: [review], with: {url: "REMOTE/waiting/last"}}
            """));
    PipelineWorkflow sleeping =
        run(
            "sleeping",
            pipeline(
                """
            name: sleeping
            steps:
              - {id: first, agent: http, with: {url: "REMOTE/sleeping/first"}}
              - {id: pause, type: sleep, needs: [first], with: {duration: 4s}}
              - {id: last, agent: http, needs: [pause], with: {url: "REMOTE/sleeping/last"}}
            """));
    PipelineWorkflow calling =
        run(
            "calling",
            pipeline(
                """
            name: calling
            steps:
              - {id: first, agent: http, with: {url: "REMOTE/calling/first"}}
              - id: slow
                agent: http
                needs: [first]
                with: {url: "REMOTE/slow/calling"}
                timeout: 5s
                retry: {maxAttempts: 5, initialInterval: 1s}
              - {id: last, agent: http, needs: [slow], with: {url: "REMOTE/calling/last"}}
            """));
    await("approval waiting", () -> status(waiting, "review") == StepStatus.WAITING_APPROVAL);
    await("sleep started", () -> status(sleeping, "pause") == StepStatus.RUNNING);
    await("slow call in flight", () -> calls("/slow/calling") == 1);

    temporal.kill();
    worker.kill();
    temporal.start();
    worker.start();

    // The update waits until the restarted worker has taken the decision.
    await(
        "the decision to be taken",
        () -> {
          try {
            waiting.decideApproval(new ApprovalDecision("review", true, "after the crash", "test"));
          } catch (WorkflowUpdateException e) {
            // An earlier try was taken though its answer was lost in the restart.
            if (!(e.getCause() instanceof ApplicationFailure refusal)
                || !DecisionRefusals.typeOf(refusal)
                    .orElse("")
                    .equals(FailureTypes.DECISION_CONFLICT)) {
              throw e;
            }
          }
          return true;
        });
    assertThat(result(waiting).steps())
        .extracting(s -> s.status())
        .containsOnly(StepStatus.SUCCEEDED);
    assertThat(result(sleeping).steps())
        .extracting(s -> s.status())
        .containsOnly(StepStatus.SUCCEEDED);
    assertThat(result(calling).steps())
        .extracting(s -> s.status())
        .containsOnly(StepStatus.SUCCEEDED);
    for (String path :
        List.of(
            "/waiting/first",
            "/waiting/last",
            "/sleeping/first",
            "/sleeping/last",
            "/calling/first",
            "/calling/last")) {
      assertThat(calls(path)).as(path).isEqualTo(1);
    }
    assertThat(calls("/slow/calling")).isEqualTo(2);
  }

  /**
   * The case that used to wait for the whole attempt timeout (5 minutes by default): a burst of
   * runs whose slow http step is in flight, with no step timeout of its own, when the server and
   * the worker are killed. The attempts' heartbeats stop, so Temporal times them out after the
   * heartbeat timeout (15 s) and the restarted worker retries them.
   */
  @Test
  void killingServerAndWorker_midBurst_everyRunMovesAgainWithinSecondsOfTheRestart()
      throws Exception {
    startTemporalAndWorker("durability-burst");
    int size = 12;
    Map<String, PipelineWorkflow> runs = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      String id = "burst-" + i;
      runs.put(
          id,
          run(
              id,
              pipeline(
                  """
              name: burst
              steps:
                - {id: first, agent: http, with: {url: "REMOTE/ID/first"}}
                - {id: slow, agent: http, needs: [first], with: {url: "REMOTE/slow/ID", timeout: 10m}}
                - {id: summary, agent: llm, needs: [slow], with: {prompt: "sum up ID"}}
              """
                      .replace("ID", id))));
    }
    await(
        "every slow call in flight",
        () -> runs.keySet().stream().allMatch(id -> calls("/slow/" + id) == 1));

    temporal.kill();
    worker.kill();
    temporal.start();
    worker.start();
    Instant restarted = Instant.now();
    // On a loaded machine the worker JVM alone can take half a minute to start: time the resume
    // from when it polls, the completion from the restart.
    Poll.untilTrue("the restarted worker to poll", Duration.ofSeconds(120), worker::isPolling);
    Instant polling = Instant.now();

    Map<String, Instant> completed = new ConcurrentHashMap<>();
    Poll.untilTrue(
        "every run to complete",
        Duration.ofSeconds(120),
        () -> {
          runs.forEach(
              (id, run) -> {
                if (!completed.containsKey(id) && closed(run)) {
                  completed.put(id, Instant.now());
                }
              });
          return completed.size() == size;
        });

    Duration maxResume =
        runs.keySet().stream()
            .map(id -> Duration.between(polling, retried.get("/slow/" + id)))
            .max(Duration::compareTo)
            .orElseThrow();
    Duration maxComplete =
        completed.values().stream()
            .map(done -> Duration.between(restarted, done))
            .max(Duration::compareTo)
            .orElseThrow();
    System.out.printf(
        "burst of %d runs after SIGKILL of server and worker: worker polling %d ms after the"
            + " restart; max time to resume %d ms after it polls; max time to complete %d ms after"
            + " the restart%n",
        size,
        Duration.between(restarted, polling).toMillis(),
        maxResume.toMillis(),
        maxComplete.toMillis());
    assertThat(maxResume).isLessThan(Duration.ofSeconds(30));
    assertThat(maxComplete).isLessThan(Duration.ofSeconds(60));
    for (Map.Entry<String, PipelineWorkflow> run : runs.entrySet()) {
      assertThat(result(run.getValue()).steps())
          .as(run.getKey())
          .extracting(s -> s.status())
          .containsOnly(StepStatus.SUCCEEDED);
      assertThat(calls("/" + run.getKey() + "/first")).as(run.getKey()).isEqualTo(1);
      assertThat(calls("/slow/" + run.getKey())).as(run.getKey()).isEqualTo(2);
    }
  }

  /** Whether the run has closed; false while Temporal is still coming back. */
  private static boolean closed(PipelineWorkflow run) {
    try {
      return WorkflowStub.fromTyped(run).describe().getStatus()
          != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (RuntimeException notYet) {
      return false;
    }
  }

  @Test
  void killingTheWorkerMidActivity_retriesItOnTheRestartedWorker() throws Exception {
    startTemporalAndWorker("durability-worker");
    PipelineWorkflow calling =
        run(
            "worker-crash",
            pipeline(
                """
            name: worker-crash
            steps:
              - {id: first, agent: http, with: {url: "REMOTE/worker/first"}}
              - id: slow
                agent: http
                needs: [first]
                with: {url: "REMOTE/slow/worker"}
                timeout: 5s
            """));
    await("slow call in flight", () -> calls("/slow/worker") == 1);

    worker.kill();
    worker.start();

    PipelineRunResult result = result(calling);
    assertThat(result.steps()).extracting(s -> s.status()).containsOnly(StepStatus.SUCCEEDED);
    assertThat(result.steps().get(1).attempts()).isEqualTo(2);
    assertThat(calls("/worker/first")).isEqualTo(1);
    assertThat(calls("/slow/worker")).isEqualTo(2);
  }
}
