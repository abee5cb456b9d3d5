package dev.agenthub.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.agents.AgentDeclaration;
import dev.agenthub.cost.Price;
import dev.agenthub.dsl.PipelineDefinition;
import java.util.Map;

/**
 * What a pipeline run starts with.
 *
 * @param pipeline the definition snapshot this run interprets
 * @param input the run input, already validated against the pipeline's schema
 * @param reusedSteps outputs of steps that succeeded in an earlier run (retry resumes after them),
 *     keyed by step id; empty for a fresh run
 * @param budgetUsd the run's spend limit, or {@code null} for the pipeline's own
 * @param retryOf workflow id of the run this one retries, or {@code null}
 * @param prices token prices on the day the run started, for the models its {@code llm} steps may
 *     use; the interpreter checks budgets with them, so they travel in the input (and so in the
 *     history) instead of being read from a table that could change under a replay. Empty when the
 *     run has no budget.
 * @param agents the declarations of the declared agents its steps use, by name, as they were when
 *     the run started: the interpreter takes their task queues, timeouts, retry policies and cost
 *     bearing from here, so editing an agents file never changes a run in flight. Empty for runs of
 *     built-in agents only (and for runs recorded before agents could be declared).
 * @param priorSpendUsd what earlier attempts of this run spent (the runs this one retries, back to
 *     the first), in US dollars, or {@code null} for a fresh run; the budget counts it as spent, so
 *     retrying cannot multiply the limit
 * @param maxForEachItems the most elements one {@code forEach} step of this run may run (the API's
 *     {@code runs.maxForEachItems} when the run started), or {@code null} for {@link
 *     #DEFAULT_MAX_FOR_EACH_ITEMS}; a snapshot, so changing the setting never alters a run in
 *     flight
 */
public record PipelineRunInput(
    PipelineDefinition pipeline,
    JsonNode input,
    Map<String, StepProgress> reusedSteps,
    Double budgetUsd,
    String retryOf,
    Map<String, Price> prices,
    Map<String, AgentDeclaration> agents,
    Double priorSpendUsd,
    Integer maxForEachItems,
    Map<String, PipelineDefinition> pipelines) {

  /** Elements one {@code forEach} step may run when the run input does not say. */
  public static final int DEFAULT_MAX_FOR_EACH_ITEMS = 1_000;

  public PipelineRunInput {
    reusedSteps = reusedSteps == null ? Map.of() : Map.copyOf(reusedSteps);
    prices = prices == null ? Map.of() : Map.copyOf(prices);
    agents = agents == null ? Map.of() : Map.copyOf(agents);
    pipelines = pipelines == null ? Map.of() : Map.copyOf(pipelines);
  }

  /** An input with the default bound on {@code forEach} elements. */
  public PipelineRunInput(
      PipelineDefinition pipeline,
      JsonNode input,
      Map<String, StepProgress> reusedSteps,
      Double budgetUsd,
      String retryOf,
      Map<String, Price> prices,
      Map<String, AgentDeclaration> agents,
      Double priorSpendUsd) {
    this(
        pipeline,
        input,
        reusedSteps,
        budgetUsd,
        retryOf,
        prices,
        agents,
        priorSpendUsd,
        null,
        Map.of());
  }

  /** An input without carried spend, as every run but a retry has. */
  public PipelineRunInput(
      PipelineDefinition pipeline,
      JsonNode input,
      Map<String, StepProgress> reusedSteps,
      Double budgetUsd,
      String retryOf,
      Map<String, Price> prices,
      Map<String, AgentDeclaration> agents) {
    this(pipeline, input, reusedSteps, budgetUsd, retryOf, prices, agents, null);
  }

  /** An input without declared agents. */
  public PipelineRunInput(
      PipelineDefinition pipeline,
      JsonNode input,
      Map<String, StepProgress> reusedSteps,
      Double budgetUsd,
      String retryOf,
      Map<String, Price> prices) {
    this(pipeline, input, reusedSteps, budgetUsd, retryOf, prices, Map.of());
  }

  /** An input without a price snapshot (the starter adds one when the run has a budget). */
  public PipelineRunInput(
      PipelineDefinition pipeline,
      JsonNode input,
      Map<String, StepProgress> reusedSteps,
      Double budgetUsd,
      String retryOf) {
    this(pipeline, input, reusedSteps, budgetUsd, retryOf, Map.of());
  }

  /** A fresh run of {@code pipeline} with {@code input}. */
  public static PipelineRunInput of(PipelineDefinition pipeline, JsonNode input) {
    return new PipelineRunInput(pipeline, input, Map.of(), null, null);
  }

  /** The spend limit in force: the run's own, else the pipeline's, else {@code null}. */
  public Double effectiveBudgetUsd() {
    Double pipelineMax = pipeline.budget() == null ? null : pipeline.budget().maxCostUsd();
    if (budgetUsd == null) {
      return pipelineMax;
    }
    return pipelineMax == null ? budgetUsd : Math.min(budgetUsd, pipelineMax);
  }

  /** The most elements one {@code forEach} step of this run may run. */
  public int effectiveMaxForEachItems() {
    return maxForEachItems == null ? DEFAULT_MAX_FOR_EACH_ITEMS : maxForEachItems;
  }

  /** This input with {@code prices} as its price snapshot. */
  public PipelineRunInput withPrices(Map<String, Price> prices) {
    return new PipelineRunInput(
        pipeline,
        input,
        reusedSteps,
        budgetUsd,
        retryOf,
        prices,
        agents,
        priorSpendUsd,
        maxForEachItems,
        pipelines);
  }

  /** This input with {@code agents} as its snapshot of declared agents. */
  public PipelineRunInput withAgents(Map<String, AgentDeclaration> agents) {
    return new PipelineRunInput(
        pipeline,
        input,
        reusedSteps,
        budgetUsd,
        retryOf,
        prices,
        agents,
        priorSpendUsd,
        maxForEachItems,
        pipelines);
  }

  /** This input with {@code pipelines} as its snapshot of the pipelines its steps run. */
  public PipelineRunInput withPipelines(Map<String, PipelineDefinition> pipelines) {
    return new PipelineRunInput(
        pipeline,
        input,
        reusedSteps,
        budgetUsd,
        retryOf,
        prices,
        agents,
        priorSpendUsd,
        maxForEachItems,
        pipelines);
  }

  /** This input with {@code maxForEachItems} as its bound on {@code forEach} elements. */
  public PipelineRunInput withMaxForEachItems(int maxForEachItems) {
    return new PipelineRunInput(
        pipeline,
        input,
        reusedSteps,
        budgetUsd,
        retryOf,
        prices,
        agents,
        priorSpendUsd,
        maxForEachItems,
        pipelines);
  }
}
