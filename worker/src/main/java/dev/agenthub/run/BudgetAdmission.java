package dev.agenthub.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.agents.AgentSpec;
import dev.agenthub.dsl.StepDefinition;
import dev.agenthub.dsl.StepType;
import java.util.Optional;

/**
 * Admits cost-bearing steps (and each element of a {@code forEach} step) against the run's {@link
 * BudgetGuard}, reserving the worst case of their rendered arguments. Workflow-thread only.
 */
final class BudgetAdmission {

  private final BudgetGuard budget;
  private final AgentCatalog agents;
  private final StepExecutor executor;
  private final RunState state;

  /** {@code budget} is null when the run has none: everything is admitted. */
  BudgetAdmission(BudgetGuard budget, AgentCatalog agents, StepExecutor executor, RunState state) {
    this.budget = budget;
    this.agents = agents;
    this.executor = executor;
    this.state = state;
  }

  /**
   * Admits {@code step} (for {@code element}, or the whole step when null) under reservation {@code
   * key}, or says why it may not start.
   */
  Optional<StepError> admit(String key, StepDefinition step, ForEachElement element) {
    if (budget == null
        || step.type() != StepType.AGENT
        || !agents.find(step.agent()).map(AgentSpec::costBearing).orElse(false)) {
      return Optional.empty();
    }
    double worstCase;
    try {
      JsonNode arguments = executor.arguments(step, element);
      Optional<StepError> unpriced = budget.unpriced(step.agent(), arguments);
      if (unpriced.isPresent()) {
        return unpriced;
      }
      worstCase = budget.worstCaseUsd(step.agent(), arguments);
    } catch (RuntimeException e) {
      if (StepErrors.belongsToTemporal(e)) {
        throw e;
      }
      // The step fails on the same arguments when it runs; there is nothing to reserve.
      worstCase = 0;
    }
    return budget.admit(key, worstCase, state.usage().costUsd());
  }

  /** Drops reservation {@code key} once what it reserved for settled. */
  void release(String key) {
    if (budget != null) {
      budget.release(key);
    }
  }
}
