package dev.agenthub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.PipelineLoader;
import dev.agenthub.run.FailureTypes;
import dev.agenthub.run.PipelineRunInput;
import dev.agenthub.run.PipelineRunResult;
import dev.agenthub.run.PipelineWorkflow;
import dev.agenthub.run.StepProgress;
import dev.agenthub.run.StepStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A wide {@code forEach} on the CLI dev server, which enforces Temporal's history limits (the
 * embedded test server does not): 1,000 elements run as activities in the run's own history, which
 * stays far below the 51,200 events and 50 MiB at which Temporal ends a run.
 */
class ForEachFanOutIT {

  private static final String QUEUE = "for-each-fan-out";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);
  private static final int ELEMENTS = 1_000;

  private static CliServerWorker temporal;

  @BeforeAll
  static void start() throws Exception {
    temporal = CliServerWorker.start(QUEUE);
  }

  @AfterAll
  static void stop() {
    if (temporal != null) {
      temporal.close();
    }
  }

  private static final PipelineDefinition PIPELINE =
      PipelineLoader.parse(
          """
          name: fan-out
          steps:
            - id: double
              forEach: input.xs
              concurrency: 50
              agent: transform
              with: {expression: "{'index': index, 'double': item * 2}"}
            - id: total
              needs: double
              agent: transform
              with: {expression: "steps.double.output.map(o, o.double).size()"}
          output:
            count: ${{ steps.total.output }}
          """,
          "fan-out.yml",
          AgentCatalog.builtIn());

  private static JsonNode numbers(int count) {
    ObjectNode input = JSON.createObjectNode();
    ArrayNode xs = input.putArray("xs");
    for (int i = 0; i < count; i++) {
      xs.add(i);
    }
    return input;
  }

  @Test
  void forEachOverAThousandElements_completesWellWithinTheHistoryLimits() throws Exception {
    PipelineWorkflow workflow = temporal.newRun("fan-out-1000");
    long started = System.nanoTime();
    WorkflowClient.start(
        workflow::run, PipelineRunInput.of(PIPELINE, numbers(ELEMENTS)).withMaxForEachItems(1_000));
    PipelineRunResult result =
        WorkflowStub.fromTyped(workflow)
            .getResult(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS, PipelineRunResult.class);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(result.output().path("count").asInt()).isEqualTo(ELEMENTS);
    StepProgress doubled = result.steps().get(0);
    assertThat(doubled.status()).isEqualTo(StepStatus.SUCCEEDED);
    WorkflowExecutionInfo info =
        temporal
            .service()
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace("default")
                    .setExecution(
                        io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                            .setWorkflowId("fan-out-1000"))
                    .build())
            .getWorkflowExecutionInfo();
    System.out.printf(
        "forEach over %d elements: %d ms, %d history events, %d history bytes%n",
        ELEMENTS, took.toMillis(), info.getHistoryLength(), info.getHistorySizeBytes());
    // Temporal ends a run at 51,200 events and warns at 10,240; 1,000 elements stay below both.
    assertThat(info.getHistoryLength()).isLessThan(10_240);
    assertThat(info.getHistorySizeBytes()).isLessThan(10L * 1024 * 1024);
  }

  @Test
  void forEachOverMoreElementsThanTheRunAllows_failsForEachTooLarge_beforeAnyStarts() {
    PipelineWorkflow workflow = temporal.newRun("fan-out-too-large");

    WorkflowFailedException failed =
        catchThrowableOfType(
            WorkflowFailedException.class,
            () -> workflow.run(PipelineRunInput.of(PIPELINE, numbers(ELEMENTS + 1))));

    ApplicationFailure failure = (ApplicationFailure) failed.getCause();
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "step \"double\" failed: "
                + FailureTypes.FOR_EACH_TOO_LARGE
                + ": forEach `input.xs` gives 1001 elements, more than the 1000 one step may run"
                + " (runs.maxForEachItems); split the list");
  }
}
