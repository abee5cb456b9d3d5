package dev.agenthub.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java agents of users: every {@link Agent} that {@link ServiceLoader} finds on the worker's
 * class path (jars in the agent path, {@code agents/lib/} by default, that the launcher and the
 * worker image put there). Each must also be declared in an agents file, or no pipeline can use it.
 */
public final class AgentPlugins {

  private static final Logger log = LoggerFactory.getLogger(AgentPlugins.class);

  private AgentPlugins() {}

  /**
   * The agents {@code loader} provides.
   *
   * @throws IllegalStateException when a listed provider cannot be instantiated
   */
  public static List<Agent> load(ClassLoader loader) {
    List<Agent> agents = new ArrayList<>();
    try {
      for (Agent agent : ServiceLoader.load(Agent.class, loader)) {
        log.info("java agent {} ({})", agent.name(), agent.getClass().getName());
        agents.add(agent);
      }
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException("cannot load a java agent: " + e.getMessage(), e);
    }
    return agents;
  }

  /**
   * Logs the mismatches between the java agents found and {@code catalog}'s declarations: a java
   * agent no file declares (pipelines cannot use it), and a declared agent of this worker's queue
   * (no {@code taskQueue}) that no jar provides (its steps would fail).
   */
  public static void checkDeclared(List<Agent> javaAgents, AgentCatalog catalog) {
    List<String> names = javaAgents.stream().map(Agent::name).toList();
    for (String name : names) {
      if (catalog.declaration(name).isEmpty()) {
        log.warn(
            "java agent {} is not declared in the agents directory; pipelines cannot use it", name);
      }
    }
    for (AgentDeclaration declared : catalog.declarations()) {
      if (!declared.external() && !names.contains(declared.name())) {
        log.warn(
            "agent {} is declared for this worker's task queue but no jar on the agent path"
                + " provides it; its steps will fail",
            declared.name());
      }
    }
  }
}
