package dev.agenthub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.PipelineLoader;
import dev.agenthub.run.FailureTypes;
import dev.agenthub.run.PipelineRunInput;
import dev.agenthub.run.PipelineRunResult;
import dev.agenthub.run.PipelineWorkflow;
import dev.agenthub.run.StepProgress;
import dev.agenthub.run.StepStatus;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs that push against Temporal's payload and history limits, on the CLI dev server (which
 * enforces them; the embedded test server does not): many steps, large outputs, and an output over
 * the worker's limit, which must fail its step rather than the workflow task.
 */
class PayloadLimitsIT {

  private static final String QUEUE = "payload-limits";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);

  private static CliServerWorker temporal;
  private static final MockWebServer remote = new MockWebServer();

  @BeforeAll
  static void start() throws Exception {
    temporal = CliServerWorker.start(QUEUE);
    remote.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            // GET /bytes/<n>: a JSON string of n characters.
            int size = Integer.parseInt(request.getUrl().pathSegments().get(1));
            return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body("\"" + "x".repeat(size) + "\"")
                .build();
          }
        });
    remote.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (temporal != null) {
      temporal.close();
    }
    remote.close();
  }

  private static PipelineDefinition pipeline(String yaml) {
    return PipelineLoader.parse(yaml, "payload-limits.yml", AgentCatalog.builtIn());
  }

  private static PipelineRunResult run(String id, PipelineDefinition pipeline) throws Exception {
    PipelineWorkflow workflow = temporal.newRun(id);
    WorkflowClient.start(workflow::run, PipelineRunInput.of(pipeline, JSON.readTree("{}")));
    return WorkflowStub.fromTyped(workflow)
        .getResult(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS, PipelineRunResult.class);
  }

  /** {@code steps} transform steps in {@code lanes} parallel chains. */
  private static PipelineDefinition manySteps(int steps, int lanes) {
    StringBuilder yaml = new StringBuilder("name: many-steps\nsteps:\n");
    for (int i = 0; i < steps; i++) {
      yaml.append("  - {id: s").append(i).append(", agent: transform, with: {expression: \"");
      if (i < lanes) {
        yaml.append(i).append("\"}}\n");
      } else {
        yaml.append("steps.s")
            .append(i - lanes)
            .append(".output + 1\"}, needs: [s")
            .append(i - lanes)
            .append("]}\n");
      }
    }
    return pipeline(yaml.toString());
  }

  /** {@code steps} http steps in {@code lanes} chains, each returning {@code bytes} of JSON. */
  private static PipelineDefinition largeOutputs(int steps, int lanes, int bytes) {
    StringBuilder yaml = new StringBuilder("name: large-outputs\nsteps:\n");
    for (int i = 0; i < steps; i++) {
      yaml.append("  - {id: s")
          .append(i)
          .append(", agent: http, with: {url: \"")
          .append(remote.url("/bytes/" + (bytes - 2)))
          .append("\"}");
      if (i >= lanes) {
        yaml.append(", needs: [s").append(i - lanes).append("]");
      }
      yaml.append("}\n");
    }
    return pipeline(yaml.toString());
  }

  @Test
  void threeHundredStepPipeline_completes() throws Exception {
    PipelineRunResult result = run("many-steps-300", manySteps(300, 10));

    assertThat(result.steps()).hasSize(300);
    assertThat(result.steps()).allMatch(s -> s.status() == StepStatus.SUCCEEDED);
    JsonNode last = result.steps().get(299).output();
    assertThat(last.asInt()).isEqualTo(9 + 29);
  }

  @Test
  void stepsReturningAHundredKibEach_complete_withTheirOutputsBoundedInTheResult()
      throws Exception {
    PipelineRunResult result = run("large-outputs", largeOutputs(40, 4, 100 * 1024));

    assertThat(result.steps()).allMatch(s -> s.status() == StepStatus.SUCCEEDED);
    StepProgress first = result.steps().get(0);
    assertThat(first.outputBytes()).isGreaterThan(100 * 1024);
    assertThat(first.outputTruncated()).isTrue();
  }

  @Test
  void stepOutputOverTheWorkersLimit_failsTheStepOutputTooLarge() {
    PipelineDefinition pipeline = largeOutputs(1, 1, 300 * 1024);

    WorkflowFailedException failed =
        catchThrowableOfType(WorkflowFailedException.class, () -> run("too-large", pipeline));

    ApplicationFailure failure = (ApplicationFailure) failed.getCause();
    assertThat(failure.getType()).isEqualTo(FailureTypes.STEP_FAILED);
    assertThat(failure.getOriginalMessage())
        .startsWith("step \"s0\" failed: OutputTooLarge: the step's output is");
  }

  @Test
  void runWhoseHistoryOutgrowsTheGuard_failsHistoryTooLarge_insteadOfBeingTerminated()
      throws Exception {
    PipelineDefinition pipeline = largeOutputs(220, 10, 250 * 1024);

    WorkflowFailedException failed =
        catchThrowableOfType(WorkflowFailedException.class, () -> run("history-guard", pipeline));

    ApplicationFailure failure = (ApplicationFailure) failed.getCause();
    assertThat(failure.getType()).isEqualTo(FailureTypes.STEP_FAILED);
    assertThat(failure.getOriginalMessage())
        .contains("failed: HistoryTooLarge: not started: the run's history is ")
        .contains("MiB, past the 40 MiB at which no more steps start");
    assertThat(
            temporal
                .client()
                .newUntypedWorkflowStub("history-guard")
                .describe()
                .getWorkflowExecutionInfo()
                .getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED);
  }
}
