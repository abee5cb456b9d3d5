package dev.agenthub.devkit;

import static java.util.Objects.requireNonNull;

import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.StepDefinition;
import dev.agenthub.dsl.StepType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A pipeline's step graph as text for a diagram tool: one node per step labelled with its id and
 * kind, one edge per {@code needs} entry (from the step needed to the step that needs it).
 * Approvals are drawn as hexagons, sleeps as rounded boxes, and steps with a {@code when} condition
 * dashed, with the condition in their label.
 */
final class PipelineGraph {

  /** The diagram languages {@code pipelines graph} prints. */
  enum Format {
    MERMAID,
    DOT;

    static Format parse(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }
  }

  private PipelineGraph() {}

  static String render(PipelineDefinition pipeline, Format format) {
    requireNonNull(pipeline, "pipeline");
    return switch (format) {
      case MERMAID -> mermaid(pipeline);
      case DOT -> dot(pipeline);
    };
  }

  /** A Mermaid flowchart, top to bottom. */
  static String mermaid(PipelineDefinition pipeline) {
    StringBuilder text = new StringBuilder("flowchart TD\n");
    for (StepDefinition step : pipeline.steps()) {
      String label = mermaidText(step.id()) + "<br/>" + mermaidText(kind(step));
      if (step.when() != null) {
        label += "<br/>when: " + mermaidText(step.when());
      }
      String node = mermaidId(step.id());
      text.append("  ")
          .append(node)
          .append(
              switch (step.type()) {
                case APPROVAL -> "{{\"" + label + "\"}}";
                case SLEEP -> "([\"" + label + "\"])";
                case AGENT -> "[\"" + label + "\"]";
                case PIPELINE -> "[[\"" + label + "\"]]";
              })
          .append('\n');
      if (step.type() == StepType.APPROVAL) {
        text.append("  class ").append(node).append(" approval\n");
      }
      if (step.when() != null) {
        text.append("  class ").append(node).append(" conditional\n");
      }
    }
    for (StepDefinition step : pipeline.steps()) {
      for (String need : step.needs()) {
        text.append("  ")
            .append(mermaidId(need))
            .append(" --> ")
            .append(mermaidId(step.id()))
            .append('\n');
      }
    }
    text.append("  classDef approval fill:#fff3bf,stroke:#f08c00\n");
    text.append("  classDef conditional stroke-dasharray:5 5\n");
    return text.toString();
  }

  /** A Graphviz digraph, top to bottom. */
  static String dot(PipelineDefinition pipeline) {
    StringBuilder text = new StringBuilder();
    text.append("digraph ").append(dotString(pipeline.name())).append(" {\n");
    text.append("  rankdir=TB;\n");
    text.append("  node [shape=box];\n");
    for (StepDefinition step : pipeline.steps()) {
      String label = step.id() + "\n" + kind(step);
      if (step.when() != null) {
        label += "\nwhen: " + step.when();
      }
      List<String> styles = new ArrayList<>();
      String shape = "";
      switch (step.type()) {
        case APPROVAL -> {
          shape = ", shape=hexagon, fillcolor=\"#fff3bf\"";
          styles.add("filled");
        }
        case SLEEP -> styles.add("rounded");
        case PIPELINE -> shape = ", peripheries=2";
        case AGENT -> {}
      }
      if (step.when() != null) {
        styles.add("dashed");
      }
      text.append("  ")
          .append(dotString(step.id()))
          .append(" [label=")
          .append(dotString(label))
          .append(shape);
      if (!styles.isEmpty()) {
        text.append(", style=").append(dotString(String.join(",", styles)));
      }
      text.append("];\n");
    }
    for (StepDefinition step : pipeline.steps()) {
      for (String need : step.needs()) {
        text.append("  ")
            .append(dotString(need))
            .append(" -> ")
            .append(dotString(step.id()))
            .append(";\n");
      }
    }
    return text.append("}\n").toString();
  }

  /** The agent's name; for sleeps, with the duration when it is a literal. */
  private static String kind(StepDefinition step) {
    if (step.type() == StepType.SLEEP
        && step.with() != null
        && step.with().path("duration").isTextual()) {
      return "sleep " + step.with().path("duration").asText();
    }
    return step.kind();
  }

  /** Step ids are identifiers, but Mermaid reads a node named {@code end} as a keyword. */
  private static String mermaidId(String id) {
    return id.equalsIgnoreCase("end") ? "step_" + id : id;
  }

  private static String mermaidText(String text) {
    return text.replace("&", "#amp;")
        .replace("\"", "#quot;")
        .replace("<", "#lt;")
        .replace(">", "#gt;")
        .replace("\n", " ");
  }

  private static String dotString(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
