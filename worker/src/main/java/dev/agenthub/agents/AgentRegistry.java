package dev.agenthub.agents;

import java.util.ArrayList;
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
      String name = agent.name();
      if (byName.putIfAbsent(name, agent) != null) {
        throw new IllegalArgumentException("two agents are named \"" + name + "\"");
      }
    }
    this.agents = byName;
  }

  /**
   * This registry's agents and then {@code more}.
   *
   * @throws IllegalArgumentException when one of {@code more} takes a name already registered
   */
  public AgentRegistry plus(Collection<? extends Agent> more) {
    List<Agent> all = new ArrayList<>(agents.values());
    all.addAll(more);
    return new AgentRegistry(all);
  }

  /** The agent named {@code name}. */
  public Optional<Agent> find(String name) {
    return Optional.ofNullable(agents.get(name));
  }

  /** Agent names, in registration order. */
  public Set<String> names() {
    return Collections.unmodifiableSet(agents.keySet());
  }
}
