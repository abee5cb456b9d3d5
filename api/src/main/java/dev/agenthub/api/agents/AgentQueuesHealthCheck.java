package dev.agenthub.api.agents;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.health.HealthCheck;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.agents.AgentDeclaration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Unhealthy while the task queue of a declared external agent has had no poller for longer than the
 * grace period (from when the API started, or from when a poller was last seen): its steps would
 * wait for a worker forever. Healthy when no agent is declared with a queue of its own.
 */
public final class AgentQueuesHealthCheck extends HealthCheck {

  /** The name to register the check under. */
  public static final String NAME = "agent-queues";

  private final Map<String, List<String>> agentsByQueue = new LinkedHashMap<>();
  private final Map<String, Instant> lastPolled = new LinkedHashMap<>();
  private final TaskQueuePollers pollers;
  private final Duration grace;
  private final Clock clock;

  public AgentQueuesHealthCheck(
      AgentCatalog catalog, TaskQueuePollers pollers, Duration grace, Clock clock) {
    this.pollers = requireNonNull(pollers, "pollers");
    this.grace = requireNonNull(grace, "grace");
    this.clock = requireNonNull(clock, "clock");
    Instant now = clock.instant();
    for (AgentDeclaration agent : catalog.declarations()) {
      if (agent.external()) {
        agentsByQueue.computeIfAbsent(agent.taskQueue(), q -> new ArrayList<>()).add(agent.name());
        lastPolled.put(agent.taskQueue(), now);
      }
    }
  }

  @Override
  protected synchronized Result check() {
    Instant now = clock.instant();
    List<String> unpolled = new ArrayList<>();
    for (Map.Entry<String, List<String>> queue : agentsByQueue.entrySet()) {
      if (pollers.polled(queue.getKey()).orElse(false)) {
        lastPolled.put(queue.getKey(), now);
        continue;
      }
      Duration idle = Duration.between(lastPolled.get(queue.getKey()), now);
      if (idle.compareTo(grace) > 0) {
        unpolled.add(
            "no worker has polled task queue "
                + queue.getKey()
                + " for "
                + idle.toSeconds()
                + " s (agents: "
                + String.join(", ", new TreeSet<>(queue.getValue()))
                + ")");
      }
    }
    if (unpolled.isEmpty()) {
      return Result.healthy(agentsByQueue.size() + " external agent queue(s) polled");
    }
    return Result.unhealthy(String.join("; ", unpolled));
  }
}
