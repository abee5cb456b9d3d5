package dev.agenthub.agents;

import static java.util.Objects.requireNonNull;

import dev.agenthub.run.FailureTypes;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.activity.DynamicActivity;
import io.temporal.common.converter.EncodedValues;
import java.time.Duration;
import org.slf4j.MDC;

/**
 * The Temporal side of agents: one dynamic activity that serves every registered agent. The
 * activity type is the agent's name, the single argument an {@link AgentRequest}, the result an
 * {@link AgentResult} stamped with the attempt. Failures are mapped by {@link AgentFailures}.
 *
 * <p>Telemetry: the current span is Temporal's {@code RunActivity:<agent>} span (one per attempt);
 * it gets {@code agenthub.pipeline}, {@code agenthub.step}, {@code agenthub.agent}, {@code
 * agenthub.attempt} and {@code agenthub.cost_usd}, and an ERROR status with the exception when the
 * attempt fails. Log lines of the call carry {@code workflow_id}, {@code run_id}, {@code pipeline}
 * and {@code step} in the MDC. The same activity, run locally as type {@code
 * agenthub.invoke_agent}, emits an agent loop's {@code invoke_agent} span when the loop has ended
 * (see {@link InvokeAgentSpan}).
 *
 * <p>Register with {@code worker.registerActivitiesImplementations(new AgentActivities(registry))}.
 */
public final class AgentActivities implements DynamicActivity {

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(AgentActivities.class);

  /** The instrumentation scope of Agent Hub's own spans. */
  public static final String INSTRUMENTATION_SCOPE = "dev.agenthub.workers";

  static final AttributeKey<String> PIPELINE = AttributeKey.stringKey("agenthub.pipeline");
  static final AttributeKey<String> STEP = AttributeKey.stringKey("agenthub.step");
  static final AttributeKey<String> AGENT = AttributeKey.stringKey("agenthub.agent");
  static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("agenthub.attempt");
  public static final AttributeKey<Double> COST_USD = AttributeKey.doubleKey("agenthub.cost_usd");

  private final AgentRegistry registry;
  private final AgentMetrics metrics;
  private final long maxOutputBytes;
  private final HeartbeatTicker heartbeats = new HeartbeatTicker(HeartbeatTicker.INTERVAL);
  private final OpenTelemetry openTelemetry;
  private final InvokeAgentSpans invokeAgentSpans;

  /** Agents without metrics. */
  public AgentActivities(AgentRegistry registry) {
    this(registry, AgentMetrics.none());
  }

  /** Agents that record cost, token and GenAI metrics of every completed call. */
  public AgentActivities(AgentRegistry registry, AgentMetrics metrics) {
    this(registry, metrics, OpenTelemetry.noop());
  }

  /** Agents as above whose calls carry {@code openTelemetry} (see {@link AgentCall}). */
  public AgentActivities(
      AgentRegistry registry, AgentMetrics metrics, OpenTelemetry openTelemetry) {
    this(registry, metrics, openTelemetry, AgentsConfiguration.DEFAULT_MAX_OUTPUT_BYTES);
  }

  /**
   * Agents as above that fail a step {@code OutputTooLarge} when its output's JSON is over {@code
   * maxOutputBytes}.
   */
  public AgentActivities(
      AgentRegistry registry,
      AgentMetrics metrics,
      OpenTelemetry openTelemetry,
      long maxOutputBytes) {
    this.registry = requireNonNull(registry, "registry");
    this.metrics = requireNonNull(metrics, "metrics");
    this.openTelemetry = requireNonNull(openTelemetry, "openTelemetry");
    this.invokeAgentSpans = new InvokeAgentSpans(openTelemetry);
    this.maxOutputBytes = maxOutputBytes;
  }

  @Override
  public Object execute(EncodedValues args) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    ActivityInfo info = context.getInfo();
    // Attempts are 1-based on a real server; TestActivityEnvironment reports 0.
    int attempt = Math.max(1, info.getAttempt());
    if (info.getActivityType().equals(InvokeAgentSpan.ACTIVITY)) {
      invokeAgentSpans.emit(args.get(0, InvokeAgentSpan.class));
      return null;
    }
    Span span = Span.current();
    span.setAttribute(AGENT, info.getActivityType());
    span.setAttribute(ATTEMPT, attempt);
    try (MDC.MDCCloseable workflow = MDC.putCloseable("workflow_id", info.getWorkflowId());
        MDC.MDCCloseable run = MDC.putCloseable("run_id", info.getRunId())) {
      return execute(args, info, attempt, span);
    } finally {
      MDC.remove("pipeline");
      MDC.remove("step");
    }
  }

  /**
   * Refuses an output over the limit here, where it is still only in this process: returned, it
   * would go into the history and into every later step's arguments, and one over Temporal's
   * payload limit would fail the workflow task instead of the step.
   */
  private void checkOutputSize(AgentResult result) throws AgentException {
    if (result.output() == null) {
      return;
    }
    long bytes;
    try {
      bytes = HttpBodies.JSON.writeValueAsBytes(result.output()).length;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw AgentException.configError("the agent's output is not JSON: " + e.getOriginalMessage());
    }
    if (bytes > maxOutputBytes) {
      throw new AgentException(
          FailureTypes.OUTPUT_TOO_LARGE,
          "the step's output is "
              + bytes
              + " bytes of JSON; this worker allows at most "
              + maxOutputBytes
              + " (agents.maxOutputBytes)",
          false);
    }
  }

  private Object execute(EncodedValues args, ActivityInfo info, int attempt, Span span) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    AttemptControl control = attemptControl(info);
    try {
      Agent agent =
          registry
              .find(info.getActivityType())
              .orElseThrow(
                  () ->
                      AgentException.configError(
                          "this worker has no agent named \""
                              + info.getActivityType()
                              + "\"; it has "
                              + registry.names()));
      AgentRequest request = args.get(0, AgentRequest.class);
      if (request == null) {
        throw AgentException.configError("the activity input must be an AgentRequest");
      }
      span.setAttribute(PIPELINE, request.pipeline());
      span.setAttribute(STEP, request.stepId());
      AgentCall call =
          new AgentCall(
              request,
              attempt,
              info.getWorkflowId(),
              info.getActivityId(),
              context::heartbeat,
              control,
              openTelemetry);
      MDC.put("pipeline", request.pipeline());
      MDC.put("step", request.stepId());
      long started = System.nanoTime();
      AgentResult result;
      try (HeartbeatTicker.Ticking ticking = heartbeats.start(context, control)) {
        result = ToolSpans.run(openTelemetry, request, () -> agent.run(call)).withAttempt(attempt);
      }
      checkOutputSize(result);
      metrics.completed(
          info.getActivityType(), request, result, Duration.ofNanos(System.nanoTime() - started));
      if (result.usage() != null) {
        span.setAttribute(COST_USD, result.usage().costUsd());
      }
      log.info(
          "agent {} finished step {} of pipeline {} (attempt {})",
          info.getActivityType(),
          request.stepId(),
          request.pipeline(),
          attempt);
      return result;
    } catch (Exception e) {
      // A cancelled attempt ends with Temporal's cancellation, whatever the aborted call threw.
      RuntimeException failure =
          control.cancellation() != null
              ? control.cancellation()
              : AgentFailures.toFailure(e, attempt);
      span.recordException(failure);
      span.setStatus(StatusCode.ERROR, failure.getMessage());
      log.info(
          "agent {} failed attempt {}: {}", info.getActivityType(), attempt, failure.getMessage());
      throw failure;
    }
  }

  /**
   * The attempt's deadline: its StartToClose timeout counted from now on this worker's monotonic
   * clock (a little after the server started the attempt), so agents stop on their own shortly
   * before the server would time the attempt out.
   */
  private static AttemptControl attemptControl(ActivityInfo info) {
    Duration startToClose = info.getStartToCloseTimeout();
    return startToClose == null || startToClose.isZero() || startToClose.isNegative()
        ? AttemptControl.unbounded()
        : AttemptControl.within(startToClose);
  }
}
