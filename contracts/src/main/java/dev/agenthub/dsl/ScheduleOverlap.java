package dev.agenthub.dsl;

import java.util.Locale;

/**
 * A schedule's {@code overlap:} policy, one for one Temporal's schedule overlap policies: what to
 * do when a start comes due while the run it started before is still open.
 */
public enum ScheduleOverlap {
  /** Start nothing (the default). */
  SKIP,
  /** Start once after the open run closes, however many starts came due meanwhile. */
  BUFFER_ONE,
  /** Start every start that came due, one after another. */
  BUFFER_ALL,
  /** Cancel the open run, then start. */
  CANCEL_OTHER,
  /** Terminate the open run, then start. */
  TERMINATE_OTHER,
  /** Start at once, beside the open run. */
  ALLOW_ALL;

  /** The name as written in YAML: lower case with underscores ({@code buffer_one}). */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
