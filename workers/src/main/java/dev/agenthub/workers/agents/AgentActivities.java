package dev.agenthub.workers.agents;

import static java.util.Objects.requireNonNull;

import dev.agenthub.shared.workflow.AgentRequest;
import dev.agenthub.shared.workflow.AgentResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.activity.DynamicActivity;
import io.temporal.common.converter.EncodedValues;
import java.time.Duration;

/**
 * The Temporal side of agents: one dynamic activity that serves every registered agent. The
 * activity type is the agent's name, the single argument an {@link AgentRequest}, the result an
 * {@link AgentResult} stamped with the attempt. Failures are mapped by {@link AgentFailures}.
 *
 * <p>Register with {@code worker.registerActivitiesImplementations(new AgentActivities(registry))}.
 */
public final class AgentActivities implements DynamicActivity {

  private final AgentRegistry registry;
  private final AgentMetrics metrics;

  /** Agents without metrics. */
  public AgentActivities(AgentRegistry registry) {
    this(registry, AgentMetrics.none());
  }

  /** Agents that record cost, token and GenAI metrics of every completed call. */
  public AgentActivities(AgentRegistry registry, AgentMetrics metrics) {
    this.registry = requireNonNull(registry, "registry");
    this.metrics = requireNonNull(metrics, "metrics");
  }

  @Override
  public Object execute(EncodedValues args) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    ActivityInfo info = context.getInfo();
    // Attempts are 1-based on a real server; TestActivityEnvironment reports 0.
    int attempt = Math.max(1, info.getAttempt());
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
      AgentCall call =
          new AgentCall(
              request, attempt, info.getWorkflowId(), info.getActivityId(), context::heartbeat);
      long started = System.nanoTime();
      AgentResult result = agent.run(call).withAttempt(attempt);
      metrics.completed(
          info.getActivityType(), request, result, Duration.ofNanos(System.nanoTime() - started));
      return result;
    } catch (Exception e) {
      throw AgentFailures.toFailure(e, attempt);
    }
  }
}
