package dev.agenthub.agents;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The agents a worker runs, by name. Immutable. */
public final class AgentRegistry {

  private final Map<String, Agent> agents;

  /**
   * A registry of {@code agents}.
   *
   * @throws IllegalArgumentException when two agents share a name
   */
  public AgentRegistry(Collection<? extends Agent> agents) {
    Map<String, Agent> byName = new LinkedHashMap<>();
    for (Agent agent : agents) {
      String name = agent.spec().name();
      if (byName.putIfAbsent(name, agent) != null) {
        throw new IllegalArgumentException("two agents are named \"" + name + "\"");
      }
    }
    this.agents = byName;
  }

  /** The agent named {@code name}. */
  public Optional<Agent> find(String name) {
    return Optional.ofNullable(agents.get(name));
  }

  /** Agent names, in registration order. */
  public Set<String> names() {
    return Collections.unmodifiableSet(agents.keySet());
  }

  /** The argument contracts of the registered agents. */
  public List<AgentSpec> specs() {
    return agents.values().stream().map(Agent::spec).toList();
  }
}
