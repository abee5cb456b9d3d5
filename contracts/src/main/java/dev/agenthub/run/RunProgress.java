package dev.agenthub.run;

import dev.agenthub.cost.UsageTotals;
import java.util.List;

/**
 * A live view of a run, answered by the {@code progress} query.
 *
 * @param pipeline pipeline name
 * @param version pipeline version
 * @param status RUNNING until the interpreter settles, then the run's outcome
 * @param steps every step in definition order
 * @param usage tokens and cost so far
 * @param failedStep id of the step that failed the run, or {@code null}
 */
public record RunProgress(
    String pipeline,
    String version,
    RunStatus status,
    List<StepProgress> steps,
    UsageTotals usage,
    String failedStep) {}
