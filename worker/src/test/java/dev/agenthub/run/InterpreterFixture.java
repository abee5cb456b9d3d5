package dev.agenthub.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agenthub.dsl.expr.CelExpressions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The interpreter on Temporal's in-process test environment with {@link ScriptedAgents}, for test
 * classes that run whole pipelines. Open one per test; close it after.
 */
final class InterpreterFixture implements AutoCloseable {

  private static final String QUEUE = "interpreter-fixture";
  private static final long RUN_DEADLINE_SECONDS = 30;

  final ScriptedAgents agents = new ScriptedAgents();
  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();

  InterpreterFixture() {
    CelExpressions.warmUp(); // as PipelineWorker does before it polls
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(PipelineWorkflowImpl.class);
    worker.registerActivitiesImplementations(agents);
    env.start();
  }

  /** A stub for a new run with workflow id {@code id}. */
  PipelineWorkflow stub(String id) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            PipelineWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());
  }

  /** A typed stub of the existing run {@code id} (to query it). */
  PipelineWorkflow existingRun(String id) {
    return env.getWorkflowClient().newWorkflowStub(PipelineWorkflow.class, id);
  }

  /** An untyped stub of the existing run {@code id} (to describe it, say). */
  WorkflowStub existing(String id) {
    return env.getWorkflowClient().newUntypedWorkflowStub(id);
  }

  /** The history of run {@code id}. */
  WorkflowExecutionHistory history(String id) {
    return env.getWorkflowClient().fetchHistory(id);
  }

  /** Runs {@code input} as workflow {@code id} to its result; fails the test if it fails. */
  PipelineRunResult run(String id, PipelineRunInput input) {
    PipelineWorkflow workflow = stub(id);
    WorkflowClient.start(workflow::run, input);
    try {
      return WorkflowStub.fromTyped(workflow)
          .getResult(RUN_DEADLINE_SECONDS, TimeUnit.SECONDS, PipelineRunResult.class);
    } catch (TimeoutException e) {
      throw new AssertionError("the run did not end within " + RUN_DEADLINE_SECONDS + " s", e);
    }
  }

  /** Runs {@code input} as workflow {@code id} and returns how it failed. */
  ApplicationFailure failureOf(String id, PipelineRunInput input) {
    WorkflowFailedException failed =
        catchThrowableOfType(WorkflowFailedException.class, () -> run(id, input));
    assertThat(failed).as("the run should fail").isNotNull();
    assertThat(failed.getCause()).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) failed.getCause();
  }

  /** The status of workflow {@code id}, or null while it does not exist. */
  io.temporal.api.enums.v1.WorkflowExecutionStatus describe(String id) {
    try {
      return env.getWorkflowClient().newUntypedWorkflowStub(id).describe().getStatus();
    } catch (io.temporal.client.WorkflowNotFoundException e) {
      return null;
    }
  }

  static StepProgress step(RunProgress progress, String id) {
    return progress.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  static StepProgress step(PipelineRunResult result, String id) {
    return result.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  @Override
  public void close() {
    env.close();
  }
}
