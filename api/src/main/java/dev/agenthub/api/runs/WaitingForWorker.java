package dev.agenthub.api.runs;

import static java.util.Objects.requireNonNull;

import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.agents.AgentDeclaration;
import dev.agenthub.run.StepStatus;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The running steps whose activity is scheduled but no worker has picked it up: typically an
 * external agent whose worker is not running. Read from the pending activities of Temporal's
 * describe; the queue is the agent's declared one, else the pipelines' queue.
 */
final class WaitingForWorker {

  private final AgentCatalog agents;
  private final String pipelinesQueue;

  WaitingForWorker(AgentCatalog agents, String pipelinesQueue) {
    this.agents = requireNonNull(agents, "agents");
    this.pipelinesQueue = requireNonNull(pipelinesQueue, "pipelinesQueue");
  }

  /**
   * One entry per running step of an agent that has an activity scheduled and not started; empty
   * when none waits.
   */
  List<WaitingStep> of(List<PendingActivityInfo> pending, List<StepView> steps) {
    Set<String> waitingAgents = new HashSet<>();
    for (PendingActivityInfo activity : pending) {
      if (activity.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED) {
        waitingAgents.add(activity.getActivityType().getName());
      }
    }
    List<WaitingStep> waiting = new ArrayList<>();
    if (waitingAgents.isEmpty() || steps == null) {
      return waiting;
    }
    for (StepView step : steps) {
      if (step.status() == StepStatus.RUNNING && waitingAgents.contains(step.kind())) {
        String queue =
            agents.declaration(step.kind()).map(AgentDeclaration::taskQueue).orElse(pipelinesQueue);
        waiting.add(
            new WaitingStep(
                step.id(),
                step.kind(),
                queue == null ? pipelinesQueue : queue,
                "waiting for a worker on queue " + (queue == null ? pipelinesQueue : queue)));
      }
    }
    return waiting;
  }
}
