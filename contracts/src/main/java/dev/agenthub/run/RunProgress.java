package dev.agenthub.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agenthub.cost.UsageTotals;
import java.util.List;
import java.util.Map;

/**
 * A live view of a run, answered by the {@code progress} query.
 *
 * @param pipeline pipeline name
 * @param version pipeline version
 * @param status RUNNING until the interpreter settles, then the run's outcome
 * @param steps every step in definition order
 * @param usage tokens and cost so far
 * @param failedStep id of the step that failed the run, or {@code null}
 * @param agentLoops where each running agent loop is, by step id; empty (and left out of the JSON)
 *     when none runs
 */
public record RunProgress(
    String pipeline,
    String version,
    RunStatus status,
    List<StepProgress> steps,
    UsageTotals usage,
    String failedStep,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, AgentLoopStatus> agentLoops) {

  public RunProgress {
    agentLoops = agentLoops == null ? Map.of() : Map.copyOf(agentLoops);
  }

  /** A view without running agent loops. */
  public RunProgress(
      String pipeline,
      String version,
      RunStatus status,
      List<StepProgress> steps,
      UsageTotals usage,
      String failedStep) {
    this(pipeline, version, status, steps, usage, failedStep, Map.of());
  }

  /** This view, showing {@code loops} as the running agent loops. */
  public RunProgress withAgentLoops(Map<String, AgentLoopStatus> loops) {
    return new RunProgress(pipeline, version, status, steps, usage, failedStep, loops);
  }
}
