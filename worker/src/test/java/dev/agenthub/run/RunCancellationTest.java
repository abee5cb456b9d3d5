package dev.agenthub.run;

import static dev.agenthub.run.TestPipelines.agent;
import static dev.agenthub.run.TestPipelines.json;
import static dev.agenthub.run.TestPipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.agenthub.agents.AgentActivities;
import dev.agenthub.agents.AgentsConfiguration;
import dev.agenthub.agents.BuiltInAgents;
import dev.agenthub.agents.HangingHttpServer;
import dev.agenthub.cost.PriceTable;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.testing.Poll;
import dev.agenthub.worker.PipelineWorker;
import dev.agenthub.worker.WorkerSettings;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cancelled run stops its remote calls within seconds: the real worker (its heartbeat settings
 * and the built-in http agent) on the embedded Temporal server, against a server that never
 * answers.
 */
class RunCancellationTest {

  private static final String QUEUE = "cancellation-test";

  private TestWorkflowEnvironment env;
  private PipelineWorker worker;

  @BeforeEach
  void start() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    AgentsConfiguration agents = new AgentsConfiguration().forDevelopment();
    worker =
        PipelineWorker.start(
            env.getWorkflowClient(),
            QUEUE,
            WorkerSettings.defaults(),
            new AgentActivities(BuiltInAgents.create(agents, PriceTable.of(List.of()))),
            List.of());
  }

  @AfterEach
  void stop() {
    worker.close();
    env.close();
  }

  @Test
  void cancellingARun_duringASlowHttpStep_closesTheRemoteConnectionWithinSeconds()
      throws Exception {
    try (HangingHttpServer remote = new HangingHttpServer()) {
      PipelineDefinition slow =
          pipeline(
              agent(
                  "fetch",
                  "http",
                  "{\"url\": \"" + remote.url("/slow") + "\", \"timeout\": \"2m\"}"));
      PipelineWorkflow run =
          env.getWorkflowClient()
              .newWorkflowStub(
                  PipelineWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setTaskQueue(QUEUE)
                      .setWorkflowId("slow-run")
                      .build());
      WorkflowClient.start(run::run, PipelineRunInput.of(slow, json("{}")));
      Poll.untilPresent("the http step's request", Duration.ofSeconds(30), remote::accepted);

      WorkflowStub stub = WorkflowStub.fromTyped(run);
      Instant cancelled = Instant.now();
      stub.cancel();

      Instant closed =
          Poll.untilPresent(
              "the remote connection to close", Duration.ofSeconds(30), remote::closedByClient);
      Duration noticed = Duration.between(cancelled, closed);
      System.out.println("cancel reached the remote call after " + noticed.toMillis() + " ms");
      assertThat(noticed).isLessThan(Duration.ofSeconds(5));
      Throwable failure = catchThrowable(() -> stub.getResult(PipelineRunResult.class));
      assertThat(failure).isInstanceOf(WorkflowFailedException.class);
      assertThat(failure.getCause()).isInstanceOf(CanceledFailure.class);
    }
  }
}
