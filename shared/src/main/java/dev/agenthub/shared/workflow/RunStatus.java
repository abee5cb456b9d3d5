package dev.agenthub.shared.workflow;

/** A run's status as the interpreter sees it. */
public enum RunStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED
}
