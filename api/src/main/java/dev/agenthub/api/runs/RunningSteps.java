package dev.agenthub.api.runs;

import dev.agenthub.run.StepProgress;
import dev.agenthub.run.StepStatus;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins a running run's steps (the workflow's {@code progress}) with its pending activities (from
 * the describe the view makes anyway, so no extra call). An agent step's activity has the agent's
 * name as its type and an opaque id, so the join is by type: a running step gets the activity when
 * it is the only running step of its agent and that activity the only one of its type. Steps of one
 * agent running side by side cannot be told apart this way and show no activity rather than a wrong
 * one.
 */
final class RunningSteps {

  private RunningSteps() {}

  static List<StepView> merge(List<StepProgress> steps, List<PendingActivityInfo> pending) {
    Map<String, Integer> runningPerKind = new HashMap<>();
    for (StepProgress step : steps) {
      if (step.status() == StepStatus.RUNNING) {
        runningPerKind.merge(step.kind(), 1, Integer::sum);
      }
    }
    Map<String, PendingActivityInfo> byType = new HashMap<>();
    Map<String, Integer> pendingPerType = new HashMap<>();
    for (PendingActivityInfo info : pending) {
      String type = info.getActivityType().getName();
      byType.put(type, info);
      pendingPerType.merge(type, 1, Integer::sum);
    }
    return steps.stream()
        .map(
            step -> {
              boolean alone =
                  step.status() == StepStatus.RUNNING
                      && runningPerKind.get(step.kind()) == 1
                      && pendingPerType.getOrDefault(step.kind(), 0) == 1;
              return StepView.of(step, alone ? ActivityAttempt.of(byType.get(step.kind())) : null);
            })
        .toList();
  }
}
