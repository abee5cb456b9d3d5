package dev.agenthub.api.pipelines;

import java.util.List;

/**
 * Every pipeline definition found, valid or not.
 *
 * @param pipelines the valid ones
 * @param invalid files that failed validation, with their errors
 */
public record PipelineList(List<PipelineView> pipelines, List<InvalidPipeline> invalid) {

  /**
   * A definition file that failed validation.
   *
   * @param file file name
   * @param errors {@code path: message} for each problem
   */
  public record InvalidPipeline(String file, List<String> errors) {}
}
