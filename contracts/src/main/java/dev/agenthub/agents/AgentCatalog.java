package dev.agenthub.agents;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The agents a deployment offers, by name. */
public final class AgentCatalog {

  private final Map<String, AgentSpec> specs = new LinkedHashMap<>();

  public AgentCatalog(Collection<AgentSpec> specs) {
    specs.forEach(s -> this.specs.put(s.name(), s));
  }

  /** The built-in agents: llm, http, notify, transform. */
  public static AgentCatalog builtIn() {
    return new AgentCatalog(
        java.util.List.of(
            BuiltInAgentSpecs.LLM,
            BuiltInAgentSpecs.HTTP,
            BuiltInAgentSpecs.NOTIFY,
            BuiltInAgentSpecs.TRANSFORM));
  }

  public Optional<AgentSpec> find(String name) {
    return Optional.ofNullable(specs.get(name));
  }

  public Set<String> names() {
    return specs.keySet();
  }
}
