package dev.agenthub.run;

/** A run's status as the interpreter sees it. */
public enum RunStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED,
  /** The pipeline's {@code timeout} elapsed before the run settled. */
  TIMED_OUT
}
