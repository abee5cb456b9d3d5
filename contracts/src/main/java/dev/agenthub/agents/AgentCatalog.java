package dev.agenthub.agents;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The agents a deployment offers, by name: the built-in ones and those declared in agents files
 * ({@link AgentDeclaration}).
 */
public final class AgentCatalog {

  private final Map<String, AgentSpec> specs = new LinkedHashMap<>();
  private final Map<String, AgentDeclaration> declared = new LinkedHashMap<>();

  public AgentCatalog(Collection<AgentSpec> specs) {
    specs.forEach(s -> this.specs.put(s.name(), s));
  }

  /** The built-in agents: llm, http, notify, transform. */
  public static AgentCatalog builtIn() {
    return new AgentCatalog(
        List.of(
            BuiltInAgentSpecs.LLM,
            BuiltInAgentSpecs.HTTP,
            BuiltInAgentSpecs.NOTIFY,
            BuiltInAgentSpecs.TRANSFORM));
  }

  /** The built-in agents plus {@code declarations}. */
  public static AgentCatalog withDeclared(Collection<AgentDeclaration> declarations) {
    AgentCatalog catalog = builtIn();
    for (AgentDeclaration declaration : declarations) {
      if (catalog.specs.containsKey(declaration.name())) {
        throw new IllegalArgumentException(
            "agent \"" + declaration.name() + "\" is declared twice or is a built-in");
      }
      catalog.specs.put(declaration.name(), declaration.spec());
      catalog.declared.put(declaration.name(), declaration);
    }
    return catalog;
  }

  public Optional<AgentSpec> find(String name) {
    return Optional.ofNullable(specs.get(name));
  }

  /** The declaration of {@code name}, empty for built-in and unknown agents. */
  public Optional<AgentDeclaration> declaration(String name) {
    return Optional.ofNullable(declared.get(name));
  }

  /** The declared agents, in declaration order. */
  public List<AgentDeclaration> declarations() {
    return List.copyOf(declared.values());
  }

  /**
   * The declarations of those of {@code agentNames} that are declared, by name: what a run's input
   * snapshots.
   */
  public Map<String, AgentDeclaration> declarationsOf(Collection<String> agentNames) {
    Map<String, AgentDeclaration> used = new LinkedHashMap<>();
    for (String name : agentNames) {
      AgentDeclaration declaration = declared.get(name);
      if (declaration != null) {
        used.put(name, declaration);
      }
    }
    return used;
  }

  public Set<String> names() {
    return specs.keySet();
  }
}
