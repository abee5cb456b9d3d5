package dev.agenthub.dsl;

/** What a step's failure does to its run. */
public enum OnError {
  /** The run fails (the default). */
  FAIL,
  /** The failure is recorded and dependents still run; they see {@code status == "failed"}. */
  CONTINUE
}
