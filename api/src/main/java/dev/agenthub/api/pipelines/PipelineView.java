package dev.agenthub.api.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.dsl.PipelineDefinition;
import java.util.List;

/**
 * A loaded pipeline definition.
 *
 * @param name name
 * @param version version
 * @param description description
 * @param inputSchema JSON Schema of run input, or {@code null} (any object)
 * @param maxCostUsd the pipeline's budget, or {@code null}
 * @param timeout run timeout, or {@code null}
 * @param steps the steps: id, kind and needs
 */
public record PipelineView(
    String name,
    String version,
    String description,
    JsonNode inputSchema,
    Double maxCostUsd,
    String timeout,
    List<StepView> steps) {

  /** The view of {@code pipeline}. */
  public static PipelineView of(PipelineDefinition pipeline) {
    return new PipelineView(
        pipeline.name(),
        pipeline.version(),
        pipeline.description(),
        pipeline.input(),
        pipeline.budget() == null ? null : pipeline.budget().maxCostUsd(),
        pipeline.timeout(),
        pipeline.steps().stream()
            .map(s -> new StepView(s.id(), s.kind(), s.needs(), s.when()))
            .toList());
  }

  /**
   * A step in a pipeline view.
   *
   * @param id step id
   * @param kind agent name, {@code approval} or {@code sleep}
   * @param needs upstream step ids
   * @param when condition, or {@code null}
   */
  public record StepView(String id, String kind, List<String> needs, String when) {}
}
