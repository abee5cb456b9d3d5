package dev.agenthub.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.cost.UsageTotals;
import java.util.List;

/**
 * The result of a successful run.
 *
 * @param pipeline pipeline name
 * @param version pipeline version
 * @param output the pipeline's evaluated {@code output}, or {@code null} when it declares none
 * @param steps every step's final state
 * @param usage tokens and cost summed over all steps
 */
public record PipelineRunResult(
    String pipeline,
    String version,
    JsonNode output,
    List<StepProgress> steps,
    UsageTotals usage) {}
