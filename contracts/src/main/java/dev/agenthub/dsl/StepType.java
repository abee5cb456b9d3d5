package dev.agenthub.dsl;

import java.util.Locale;

/** The kinds of step the interpreter knows. */
public enum StepType {
  /** Runs an agent (a Temporal activity). */
  AGENT,
  /** Waits for an approve/reject signal, optionally with a timeout. */
  APPROVAL,
  /** A durable timer. */
  SLEEP,
  /** Runs another pipeline as a child workflow (its {@code pipeline}). */
  PIPELINE;

  /** The spelling used in pipeline YAML. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
