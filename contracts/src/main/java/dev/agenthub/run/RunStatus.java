package dev.agenthub.run;

/** A run's status as the interpreter sees it. */
public enum RunStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED
}
