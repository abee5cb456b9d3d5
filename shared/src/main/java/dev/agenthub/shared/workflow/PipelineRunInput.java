package dev.agenthub.shared.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.shared.pipeline.PipelineDefinition;
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
 */
public record PipelineRunInput(
    PipelineDefinition pipeline,
    JsonNode input,
    Map<String, StepProgress> reusedSteps,
    Double budgetUsd,
    String retryOf) {

  public PipelineRunInput {
    reusedSteps = reusedSteps == null ? Map.of() : Map.copyOf(reusedSteps);
  }

  /** A fresh run of {@code pipeline} with {@code input}. */
  public static PipelineRunInput of(PipelineDefinition pipeline, JsonNode input) {
    return new PipelineRunInput(pipeline, input, Map.of(), null, null);
  }
}
