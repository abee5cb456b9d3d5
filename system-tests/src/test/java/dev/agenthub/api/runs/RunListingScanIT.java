package dev.agenthub.api.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.devkit.LocalTemporal;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.PipelineLoader;
import dev.agenthub.system.DevConfigurations;
import dev.agenthub.system.TestPorts;
import dev.agenthub.telemetry.Telemetry;
import dev.agenthub.temporal.TemporalSettings;
import dev.agenthub.testing.Poll;
import dev.agenthub.worker.WorkerSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scan listing on the embedded server while runs are started, cancelled, terminated and retried
 * around it: every page answers, with any page size and filter.
 */
class RunListingScanIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long CHURN_MILLIS = 12_000;

  private static LocalTemporal engine;
  private static TemporalRunService runs;

  @BeforeAll
  static void startTemporal() throws Exception {
    TemporalSettings settings =
        TemporalSettings.defaults().withTarget("127.0.0.1:" + TestPorts.free());
    engine =
        LocalTemporal.start(
            DevConfigurations.of(settings, WorkerSettings.defaults()),
            true,
            Telemetry.withoutTracing("test"));
    runs = new TemporalRunService(engine.client(), settings.taskQueue(), Listing.SCAN);
  }

  @AfterAll
  static void stopTemporal() {
    engine.close();
  }

  @Test
  void list_neverFails_whileRunsStartCancelTerminateAndRetry() throws Exception {
    PipelineDefinition waiting = approvalPipeline("churn-wait");
    PipelineDefinition quick = quickPipeline("churn-quick");
    AtomicBoolean stop = new AtomicBoolean();
    ConcurrentLinkedQueue<Throwable> churnErrors = new ConcurrentLinkedQueue<>();
    ExecutorService churn = Executors.newFixedThreadPool(3);
    for (int t = 0; t < 3; t++) {
      churn.submit(
          () -> {
            while (!stop.get()) {
              try {
                churnOnce(waiting, quick);
              } catch (RunServiceException expected) {
                // a run already closed, or a retry of a run that is not retryable yet
              } catch (RuntimeException e) {
                churnErrors.add(e);
              }
            }
          });
    }
    List<Throwable> listErrors = new ArrayList<>();
    int pages = 0;
    long end = System.currentTimeMillis() + CHURN_MILLIS;
    String[] statuses = {null, "running", "cancelled", "terminated", "succeeded", "failed"};
    String[] pipelines = {null, "churn-wait", "churn-quick"};
    while (System.currentTimeMillis() < end) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      int pageSize = 1 + random.nextInt(100);
      String status = statuses[random.nextInt(statuses.length)];
      String pipeline = pipelines[random.nextInt(pipelines.length)];
      try {
        RunPage page = runs.list(pipeline, status, pageSize, null);
        pages++;
        if (page.nextPageToken() != null) {
          runs.list(pipeline, status, pageSize, page.nextPageToken());
          pages++;
        }
      } catch (RuntimeException e) {
        listErrors.add(e);
      }
    }
    stop.set(true);
    churn.shutdown();
    assertThat(churn.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    assertThat(listErrors).isEmpty();
    assertThat(churnErrors).isEmpty();
    assertThat(pages).isGreaterThan(10);
  }

  @Test
  void list_showsARunItsPipelineTimeoutClosed_asTimedOut_andFiltersOnIt() {
    String late = runs.start(deadlinePipeline(), input(), null, null, null).workflowId();
    String failed = runs.start(failingPipeline(), input(), null, null, null).workflowId();
    Poll.until(
        "the runs to close",
        Duration.ofSeconds(30),
        () -> List.of(runs.describe(late).status(), runs.describe(failed).status()),
        statuses -> statuses.equals(List.of("timed_out", "failed")));

    RunPage timedOut = runs.list(null, "timed_out", 100, null);
    RunPage failures = runs.list(null, "failed", 100, null);
    RunPage deadline = runs.list("scan-deadline", null, 100, null);

    assertThat(timedOut.listing()).isEqualTo("scan");
    assertThat(timedOut.runs())
        .extracting(RunSummary::workflowId)
        .contains(late)
        .doesNotContain(failed);
    assertThat(timedOut.runs()).extracting(RunSummary::status).containsOnly("timed_out");
    assertThat(failures.runs())
        .extracting(RunSummary::workflowId)
        .contains(failed)
        .doesNotContain(late);
    assertThat(failures.runs()).extracting(RunSummary::status).containsOnly("failed");
    assertThat(deadline.runs())
        .extracting(RunSummary::workflowId, RunSummary::status)
        .containsExactly(tuple(late, "timed_out"));
  }

  private static void churnOnce(PipelineDefinition waiting, PipelineDefinition quick) {
    String a = runs.start(waiting, input(), null, null, null).workflowId();
    String b = runs.start(waiting, input(), null, null, null).workflowId();
    runs.start(quick, input(), null, null, null);
    runs.cancel(a);
    runs.terminate(b, "churn", "tester");
    runs.retry(b);
    runs.terminate(b + ".retry", "churn", "tester");
  }

  private static PipelineDefinition approvalPipeline(String name) {
    return pipeline(
        """
        name: %s
        steps:
          - id: review
            type: approval
        """
            .formatted(name));
  }

  private static PipelineDefinition deadlinePipeline() {
    return pipeline(
        """
        name: scan-deadline
        timeout: 1s
        steps:
          - id: wait
            type: sleep
            with: {duration: 1h}
        """);
  }

  private static PipelineDefinition failingPipeline() {
    return pipeline(
        """
        name: scan-failing
        steps:
          - id: broken
            agent: transform
            with: {expression: 'input.flag.deep == true'}
        """);
  }

  private static PipelineDefinition quickPipeline(String name) {
    return pipeline(
        """
        name: %s
        steps:
          - id: only
            agent: transform
            with: {expression: '{"subject": input.subject}'}
        """
            .formatted(name));
  }

  private static PipelineDefinition pipeline(String yaml) {
    return PipelineLoader.parse(yaml, "test.yml", AgentCatalog.builtIn());
  }

  private static JsonNode input() {
    try {
      return JSON.readTree("{\"subject\": \"churn\"}");
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
