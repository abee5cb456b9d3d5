package dev.agenthub.run;

/**
 * The memo entry a run writes on itself when its pipeline {@code timeout} closes it. Temporal
 * closes such a run {@code Failed} (the workflow fails it {@link FailureTypes#RUN_TIMED_OUT}), and
 * visibility records carry a run's status and memo but never its failure, so listings read this
 * entry to show the run {@code timed_out}. A memo needs no registration on the cluster, unlike a
 * search attribute, so writing it can never fail a workflow task.
 */
public final class RunOutcomeMemo {

  /** The memo key. */
  public static final String KEY = "outcome";

  /** Its value on a run closed by its pipeline timeout. */
  public static final String TIMED_OUT = "timed_out";

  private RunOutcomeMemo() {}
}
