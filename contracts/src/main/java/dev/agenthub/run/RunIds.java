package dev.agenthub.run;

import com.github.f4b6a3.ulid.UlidCreator;
import java.util.regex.Pattern;

/** Workflow ids of pipeline runs: {@code <pipeline>-<ULID>}, sortable by start time. */
public final class RunIds {

  /** What a caller-chosen workflow id may look like. */
  public static final Pattern VALID_WORKFLOW_ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

  /**
   * What the id of an existing run may look like: a caller's choice, or an id the platform made,
   * which for a scheduled run ends in the start time Temporal appends ({@code
   * -2026-11-30T07:00:00Z}).
   */
  public static final Pattern VALID_RUN_ID = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

  private RunIds() {}

  /** A new, unique, time-ordered workflow id for a run of {@code pipeline}. */
  public static String newWorkflowId(String pipeline) {
    return pipeline + "-" + UlidCreator.getMonotonicUlid();
  }
}
