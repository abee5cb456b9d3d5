package dev.agenthub.run;

import static dev.agenthub.telemetry.MetricNames.AGENT;
import static dev.agenthub.telemetry.MetricNames.PIPELINE;
import static dev.agenthub.telemetry.MetricNames.STATUS;
import static dev.agenthub.telemetry.MetricNames.STEP;
import static dev.agenthub.telemetry.MetricNames.TOOL;

import com.uber.m3.tally.Scope;
import dev.agenthub.telemetry.MetricNames;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Map;

/**
 * The interpreter's metrics, reported through {@link Workflow#getMetricsScope()}: that scope drops
 * everything recorded while the workflow replays, so a run is counted once however often a worker
 * rebuilds it from history. Timers are recorded synchronously on the workflow thread, inside the
 * run's trace span, which is what lets the run-duration histogram carry a {@code trace_id}
 * exemplar. The scope adds Temporal's own tags; the registry's filter strips them.
 */
final class RunMetrics {

  private final Scope scope;

  RunMetrics(String pipeline) {
    this.scope = Workflow.getMetricsScope().tagged(Map.of(PIPELINE, pipeline));
  }

  void runStarted() {
    scope.counter(MetricNames.RUNS_STARTED).inc(1);
  }

  /** Counts a closed run and records its duration, start to now. */
  void runCompleted(String status) {
    long elapsed = Workflow.currentTimeMillis() - Workflow.getInfo().getRunStartedTimestampMillis();
    Scope tagged = scope.tagged(Map.of(STATUS, status));
    tagged.counter(MetricNames.RUNS_COMPLETED).inc(1);
    tagged.timer(MetricNames.RUN_DURATION).record(com.uber.m3.util.Duration.ofMillis(elapsed));
  }

  /** Records a step that ran: its duration and the attempts beyond the first. */
  void stepSettled(String step, String agent, String status, Duration elapsed, int attempts) {
    Scope tagged = scope.tagged(Map.of(STEP, step, AGENT, agent));
    tagged
        .tagged(Map.of(STATUS, status))
        .timer(MetricNames.STEP_DURATION)
        .record(com.uber.m3.util.Duration.ofMillis(Math.max(0, elapsed.toMillis())));
    if (attempts > 1) {
      tagged.counter(MetricNames.STEP_RETRIES).inc(attempts - 1L);
    }
  }

  /** Counts a settled tool call of an agent loop (tool names come from the definition). */
  void toolCallSettled(String step, String tool, String status) {
    scope
        .tagged(Map.of(STEP, step, TOOL, tool, STATUS, status))
        .counter(MetricNames.TOOL_CALLS)
        .inc(1);
  }

  void budgetExceeded() {
    scope.counter(MetricNames.BUDGET_EXCEEDED).inc(1);
  }
}
