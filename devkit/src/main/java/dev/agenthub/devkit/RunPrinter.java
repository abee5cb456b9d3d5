package dev.agenthub.devkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.api.runs.RunView;
import dev.agenthub.api.runs.StepView;
import dev.agenthub.cost.UsageTotals;
import dev.agenthub.run.StepProgress;
import dev.agenthub.run.StepStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Prints a run's view for people: {@code runs show}'s table and {@code runs follow}'s lines. */
final class RunPrinter {

  private final PrintStream out;
  private final ObjectMapper json;
  private final Set<String> shownSteps = new HashSet<>();
  private final Set<String> shownWaits = new HashSet<>();

  RunPrinter(PrintStream out, ObjectMapper json) {
    this.out = out;
    // The CLI reads what a newer API may have added to its views.
    this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  RunView read(JsonNode view) {
    try {
      return json.treeToValue(view, RunView.class);
    } catch (JsonProcessingException e) {
      throw new CommandFailure(
          CommandFailure.FAILED, "unexpected run view from the API: " + e.getOriginalMessage());
    }
  }

  /** The whole run: header, one row per step, totals, output or failure. */
  void show(RunView run) {
    header(run);
    Table steps = new Table("STEP", "KIND", "STATUS", "ATTEMPTS", "DURATION", "COST", "DETAIL");
    for (StepView step : run.steps()) {
      steps.row(
          step.id(),
          step.kind(),
          status(step.status()),
          step.attempts(),
          duration(step.startedAt(), step.endedAt()),
          step.usage() == null ? "" : money(step.usage().costUsd()),
          detail(step));
    }
    steps.print(out);
    totals(run.usage());
    ending(run);
  }

  /** The header, once, when following starts. */
  void header(RunView run) {
    out.printf(
        "Run %s of pipeline %s %s: %s%n",
        run.workflowId(), run.pipeline(), run.pipelineVersion(), run.status());
    StringBuilder times = new StringBuilder("Started " + run.startedAt());
    if (run.closedAt() != null) {
      times.append(", closed ").append(run.closedAt());
      times.append(" (").append(duration(run.startedAt(), run.closedAt())).append(")");
    }
    out.println(times);
    if (run.retryOf() != null) {
      out.println("Retry of " + run.retryOf());
    }
    if (run.retriedBy() != null) {
      out.println("Retried by " + run.retriedBy());
    }
  }

  /** Steps that settled or began waiting for approval since the last call, one line each. */
  void progress(RunView run) {
    for (StepView step : run.steps()) {
      if (step.status() == StepStatus.WAITING_APPROVAL && shownWaits.add(step.id())) {
        out.printf(
            "  %-10s %-14s waits for a decision: agenthub runs approve|reject %s %s%n",
            "waiting", step.id(), run.workflowId(), step.id());
      }
      if (step.status().isTerminal() && shownSteps.add(step.id())) {
        out.println("  " + RunReport.stepLine(progressOf(step)));
      }
    }
  }

  /** The run's totals, and its output or failure. */
  void ending(RunView run) {
    if (run.output() != null && !run.output().isNull()) {
      try {
        out.println("Output:");
        out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(run.output()));
      } catch (JsonProcessingException e) {
        out.println(run.output());
      }
    }
    if (run.failure() != null) {
      out.println(
          "Failure: "
              + run.failure().type()
              + (run.failure().failedStep() == null ? "" : " in step " + run.failure().failedStep())
              + ": "
              + run.failure().message());
    }
  }

  void totals(UsageTotals usage) {
    if (usage != null) {
      out.printf(
          Locale.ROOT,
          "Tokens: %d input, %d output. Cost: %s%n",
          usage.inputTokens(),
          usage.outputTokens(),
          money(usage.costUsd()));
    }
  }

  /** The step as {@code ./agenthub run} prints it (the same line, without the API's extras). */
  private static StepProgress progressOf(StepView step) {
    return new StepProgress(
        step.id(),
        step.kind(),
        step.status(),
        step.attempts(),
        step.startedAt(),
        step.endedAt(),
        step.output(),
        step.outputBytes(),
        step.outputTruncated(),
        step.error(),
        step.usage(),
        step.reused());
  }

  private static String detail(StepView step) {
    StringBuilder detail = new StringBuilder();
    if (step.reused()) {
      detail.append("reused");
    }
    if (step.error() != null && step.status() != StepStatus.SUCCEEDED) {
      detail.append(step.error().type()).append(": ").append(step.error().message());
    }
    return detail.toString();
  }

  static String status(StepStatus status) {
    return status.wireName();
  }

  static String duration(Instant start, Instant end) {
    if (start == null || end == null) {
      return "";
    }
    return String.format(Locale.ROOT, "%.1fs", Duration.between(start, end).toMillis() / 1000.0);
  }

  private static String money(double usd) {
    return String.format(Locale.ROOT, "$%.6f", usd);
  }
}
