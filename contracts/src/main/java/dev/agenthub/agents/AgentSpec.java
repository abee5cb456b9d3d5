package dev.agenthub.agents;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * The contract of one agent, known to every process: its name and the arguments a step's {@code
 * with} may hold. The pipeline validator checks definitions against it at load time.
 *
 * @param name agent name, used in YAML ({@code agent: llm}) and as the activity type
 * @param requiredArguments arguments every step must give; a set whose elements are alternatives is
 *     written {@code "prompt|messages"} (one of them is required)
 * @param optionalArguments arguments a step may give
 * @param costBearing whether calls can cost money (checked against budgets)
 * @param readsRunContext whether the agent evaluates CEL itself and so receives the run context
 */
public record AgentSpec(
    String name,
    Set<String> requiredArguments,
    Set<String> optionalArguments,
    boolean costBearing,
    boolean readsRunContext) {

  public AgentSpec {
    requireNonNull(name, "name");
    requiredArguments = Set.copyOf(requiredArguments);
    optionalArguments = Set.copyOf(optionalArguments);
  }

  /** Whether {@code argument} is declared, required (or one of an alternative) or optional. */
  public boolean accepts(String argument) {
    if (optionalArguments.contains(argument)) {
      return true;
    }
    return requiredArguments.stream().anyMatch(r -> Set.of(r.split("\\|")).contains(argument));
  }
}
