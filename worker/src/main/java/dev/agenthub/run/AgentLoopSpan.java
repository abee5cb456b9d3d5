package dev.agenthub.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.agents.InvokeAgentSpan;
import dev.agenthub.cost.Usage;
import dev.agenthub.dsl.StepDefinition;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The {@code invoke_agent {step}} span of one agent loop, from the workflow's side. The loop's
 * turns and tool calls carry its {@link #id()} so that their spans name it as their parent; when
 * the loop ends, one local activity ({@link InvokeAgentSpan#ACTIVITY}) emits it with that id, the
 * loop's start and end, its turns, summed usage and failure type.
 *
 * <p>Determinism: the id is a pure function of the workflow id, run id, step id, {@code forEach}
 * index and the loop's sequence number in this execution (no {@code Workflow.randomUUID}, which
 * would shift the run's other random values); start and end are {@code
 * Workflow.currentTimeMillis()}; no span is held across workflow tasks and none is made in workflow
 * code. The local activity is a new command, so loops only have the span under version 1 of {@link
 * #CHANGE}; older histories replay without it (and their requests without an id).
 */
final class AgentLoopSpan {

  /** The {@code Workflow.getVersion} change id of the loop's span. */
  static final String CHANGE = "agent-span";

  private static final LocalActivityOptions EMIT =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build();

  private final String id;
  private final String pipeline;
  private final String step;
  private final String requestedModel;
  private final long startMillis;
  private int turns;
  private Usage usage = Usage.NONE;

  private AgentLoopSpan(
      String id, String pipeline, String step, String requestedModel, long startMillis) {
    this.id = id;
    this.pipeline = pipeline;
    this.step = step;
    this.requestedModel = requestedModel;
    this.startMillis = startMillis;
  }

  /**
   * The span of a loop beginning now: {@code sequence} counts the loops this execution started;
   * without an id (nothing emitted) in histories recorded before {@link #CHANGE}.
   */
  static AgentLoopSpan begin(
      String pipeline,
      StepDefinition step,
      ForEachElement element,
      JsonNode arguments,
      int sequence) {
    JsonNode model = arguments.path("model");
    String requested = model.isTextual() ? model.textValue() : null;
    long now = Workflow.currentTimeMillis();
    if (Workflow.getVersion(CHANGE, Workflow.DEFAULT_VERSION, 1) < 1) {
      return new AgentLoopSpan(null, pipeline, step.id(), requested, now);
    }
    WorkflowInfo info = Workflow.getInfo();
    String id =
        spanId(
            info.getWorkflowId(),
            info.getRunId(),
            step.id(),
            element == null ? -1 : element.index(),
            sequence);
    return new AgentLoopSpan(id, pipeline, step.id(), requested, now);
  }

  /** 16 hex digits of SHA-256 over the loop's identity; never all zero. */
  static String spanId(String workflowId, String runId, String step, int index, int sequence) {
    byte[] digest;
    try {
      digest =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  String.join("\n", workflowId, runId, step, "" + index, "" + sequence)
                      .getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    byte[] id = Arrays.copyOf(digest, 8);
    if (Arrays.equals(id, new byte[8])) {
      id[7] = 1;
    }
    return HexFormat.of().formatHex(id);
  }

  /** The span's id for the loop's activities, or null when the run emits no span. */
  String id() {
    return id;
  }

  /** Records that turn {@code turn} calls the model (it was admitted). */
  void turn(int turn) {
    turns = turn;
  }

  /** The model turns taken so far. */
  int turns() {
    return turns;
  }

  /** Records what the loop has spent so far (turns and tool calls). */
  void spent(Usage total) {
    usage = total;
  }

  /** Emits the span of a loop that ended with {@code outcome}. */
  void end(StepOutcome outcome) {
    emit(outcome.kind() == StepOutcome.Kind.SUCCEEDED ? null : outcome.error().type());
  }

  /**
   * Emits the span of a loop that ended with {@code failure} (a cancellation, a turn's activity
   * failing); Temporal's own errors, such as a workflow thread being destroyed, emit nothing.
   */
  void end(RuntimeException failure) {
    if (failure instanceof TemporalFailure || !StepErrors.belongsToTemporal(failure)) {
      emit(typeOf(failure));
    }
  }

  private static String typeOf(RuntimeException failure) {
    Throwable cause = failure instanceof ActivityFailure ? failure.getCause() : failure;
    if (cause instanceof CanceledFailure) {
      return FailureTypes.CANCELLED;
    }
    if (cause instanceof ApplicationFailure application) {
      return application.getType();
    }
    return cause == null ? failure.getClass().getSimpleName() : cause.getClass().getSimpleName();
  }

  private void emit(String errorType) {
    if (id == null) {
      return;
    }
    InvokeAgentSpan span =
        new InvokeAgentSpan(
            id,
            pipeline,
            step,
            requestedModel != null ? requestedModel : usage.model(),
            startMillis,
            Workflow.currentTimeMillis(),
            turns,
            usage.inputTokens(),
            usage.outputTokens(),
            usage.costUsd(),
            errorType);
    // Detached: a cancelled run's loop still gets its span.
    Workflow.newDetachedCancellationScope(
            () -> {
              try {
                Workflow.newUntypedLocalActivityStub(EMIT)
                    .execute(InvokeAgentSpan.ACTIVITY, Void.class, span);
              } catch (ActivityFailure e) {
                // A span is not worth failing the step over; the activity logged why.
              }
            })
        .run();
  }
}
