package dev.agenthub.run;

import dev.agenthub.cost.Usage;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.StepDefinition;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a retry carries over from the run it retries: the outputs it may reuse and what the earlier
 * attempts spent.
 *
 * <p>A step's output is reused only when the step succeeded and every step it needs, transitively,
 * was reused too. A step that ran after an upstream step failed (with {@code onError: continue}) or
 * was skipped saw that upstream's state, which the retry may change, so it runs again; and so does
 * everything after it. A retry carries at most {@link #MAX_REUSED_OUTPUT_BYTES} of outputs; the
 * steps past that run again too.
 */
public final class RetryPlan {

  /**
   * The outputs one retry carries in its input, in bytes in all: past it, steps run again rather
   * than make the retry's input outgrow Temporal's 2 MiB payload limit.
   */
  public static final long MAX_REUSED_OUTPUT_BYTES = 1024L * 1024;

  private RetryPlan() {}

  /**
   * The steps of {@code earlier} (the succeeded steps of the retried run) that the retry reuses.
   *
   * @param pipeline the definition both runs interpret
   */
  public static Map<String, StepProgress> reusableSteps(
      PipelineDefinition pipeline, Map<String, StepProgress> earlier) {
    Map<String, StepProgress> reusable = new LinkedHashMap<>();
    long carried = 0;
    // Steps are validated acyclic, so a fixed point is reached in at most one pass per step.
    boolean grew = true;
    while (grew) {
      grew = false;
      for (StepDefinition step : pipeline.steps()) {
        StepProgress progress = earlier.get(step.id());
        if (reusable.containsKey(step.id())
            || progress == null
            || progress.status() != StepStatus.SUCCEEDED
            || !reusable.keySet().containsAll(step.needs())
            || carried + progress.outputBytes() > MAX_REUSED_OUTPUT_BYTES) {
          continue;
        }
        carried += progress.outputBytes();
        reusable.put(step.id(), progress);
        grew = true;
      }
    }
    return reusable;
  }

  /**
   * What the retried run and the attempts before it spent, in US dollars: {@code priorSpendUsd}
   * (its own input's carried spend, {@code null} for none) plus the cost of every step it ran
   * itself (reused steps were paid for by an earlier attempt, already in {@code priorSpendUsd}).
   *
   * @param steps the retried run's steps
   */
  public static double spentUsd(Double priorSpendUsd, Iterable<StepProgress> steps) {
    double spent = priorSpendUsd == null ? 0 : priorSpendUsd;
    for (StepProgress step : steps) {
      Usage usage = step.usage();
      if (!step.reused() && usage != null) {
        spent += usage.costUsd();
      }
    }
    return spent;
  }
}
