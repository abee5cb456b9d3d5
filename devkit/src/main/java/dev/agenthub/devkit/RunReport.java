package dev.agenthub.devkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.cost.UsageTotals;
import dev.agenthub.run.StepProgress;
import dev.agenthub.run.StepStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Prints a run the way {@code ./agenthub run} shows it: one line per step, output, totals. */
final class RunReport {

  private final PrintStream out;
  private final ObjectMapper json;

  RunReport(PrintStream out, ObjectMapper json) {
    this.out = out;
    this.json = json;
  }

  void header(String pipeline, String workflowId, String where) {
    out.printf("Run %s of pipeline %s (%s)%n", workflowId, pipeline, where);
  }

  void stepsHeader() {
    out.println("Steps:");
  }

  /** Prints each settled step of {@code steps} not yet in {@code shown}, and adds it there. */
  void settledSteps(List<StepProgress> steps, Set<String> shown) {
    for (StepProgress step : steps) {
      if (step.status().isTerminal() && shown.add(step.id())) {
        out.println("  " + stepLine(step));
        AgentLoopLines.of(step.output()).forEach(line -> out.println("      " + line));
      }
    }
  }

  void line(String text) {
    out.println(text);
  }

  void output(JsonNode output) {
    if (output == null || output.isNull()) {
      return;
    }
    try {
      out.println("Output:");
      out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(output));
    } catch (JsonProcessingException e) {
      out.println(output);
    }
  }

  void totals(UsageTotals usage) {
    out.printf(
        Locale.ROOT,
        "Tokens: %d input, %d output. Cost: $%.6f%n",
        usage.inputTokens(),
        usage.outputTokens(),
        usage.costUsd());
  }

  static String stepLine(StepProgress step) {
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%-10s %-14s %-10s",
                step.status().wireName(),
                step.id(),
                step.kind()));
    if (step.attempts() > 0) {
      line.append(step.attempts() == 1 ? " 1 attempt" : " " + step.attempts() + " attempts");
    }
    if (step.startedAt() != null && step.endedAt() != null) {
      Duration took = Duration.between(step.startedAt(), step.endedAt());
      line.append(String.format(Locale.ROOT, " %.1fs", took.toMillis() / 1000.0));
    }
    if (step.usage() != null && step.usage().model() != null) {
      line.append(
          String.format(
              Locale.ROOT,
              " %s %d+%d tokens $%.6f",
              step.usage().model(),
              step.usage().inputTokens(),
              step.usage().outputTokens(),
              step.usage().costUsd()));
    }
    if (step.reused()) {
      line.append(" (reused)");
    }
    if (step.error() != null && step.status() != StepStatus.SUCCEEDED) {
      line.append(" - ").append(step.error().type()).append(": ").append(step.error().message());
    }
    return line.toString();
  }
}
