package dev.agenthub.api.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.cost.UsageTotals;
import dev.agenthub.run.RunProgress;
import dev.agenthub.run.RunStatus;
import dev.agenthub.testing.Poll;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunDescriberTest {

  private static final String QUEUE = "describer-test";

  /** Progress queries the fake pipeline has answered, across this JVM's tests. */
  static final AtomicInteger QUERIES = new AtomicInteger();

  private TestWorkflowEnvironment env;
  private RunDescriber describer;

  /** A running pipeline as the describer sees it: a run method, a progress query. */
  @WorkflowInterface
  public interface FakePipeline {
    @WorkflowMethod(name = "PipelineWorkflow")
    String run();

    @SignalMethod
    void advance();

    @QueryMethod(name = "progress")
    RunProgress progress();
  }

  /** Waits for two signals; its progress counts the signals it got (as input tokens). */
  public static final class FakePipelineImpl implements FakePipeline {
    private int advanced;

    @Override
    public String run() {
      Workflow.await(() -> advanced >= 2);
      return "done";
    }

    @Override
    public void advance() {
      advanced++;
    }

    @Override
    public RunProgress progress() {
      QUERIES.incrementAndGet();
      return new RunProgress(
          "fake", "1", RunStatus.RUNNING, List.of(), new UsageTotals(advanced, 0, 0), null);
    }
  }

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(FakePipelineImpl.class);
    env.start();
    describer =
        new RunDescriber(
            env.getWorkflowClient(), new WaitingForWorker(AgentCatalog.builtIn(), QUEUE));
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void describe_runningRunWhoseHistoryDidNotGrow_doesNotQueryTheWorkerAgain() {
    String id = startFake();
    awaitIdle(id);
    describer.describe(id);
    int before = QUERIES.get();

    describer.describe(id);
    describer.describe(id);
    describer.describe(id);

    assertThat(QUERIES.get() - before).isZero();
  }

  @Test
  void describe_afterTheHistoryGrew_queriesAgain_andShowsTheNewProgress() {
    String id = startFake();
    awaitIdle(id);
    assertThat(describer.describe(id).usage().inputTokens()).isZero();
    int before = QUERIES.get();

    env.getWorkflowClient().newWorkflowStub(FakePipeline.class, id).advance();
    awaitIdle(id);

    assertThat(describer.describe(id).usage().inputTokens()).isEqualTo(1);
    assertThat(QUERIES.get() - before).isEqualTo(1);
  }

  /** Waits until the run's last workflow task has completed (its history stops growing). */
  private void awaitIdle(String id) {
    Poll.untilTrue(
        "the workflow task of " + id + " completed",
        Duration.ofSeconds(10),
        () ->
            env.getWorkflowClient().fetchHistory(id).getLastEvent().getEventType()
                == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
  }

  private String startFake() {
    String id = "fake-" + UUID.randomUUID();
    FakePipeline fake =
        env.getWorkflowClient()
            .newWorkflowStub(
                FakePipeline.class,
                WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());
    WorkflowClient.start(fake::run);
    return id;
  }
}
