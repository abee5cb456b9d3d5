package dev.agenthub.run;

/** A step's lifecycle. */
public enum StepStatus {
  PENDING,
  RUNNING,
  WAITING_APPROVAL,
  SUCCEEDED,
  FAILED,
  SKIPPED,
  CANCELLED;

  /** Whether the step will not change again. */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == SKIPPED || this == CANCELLED;
  }
}
