package dev.agenthub.api.schedules;

/**
 * The Temporal server has no schedules: it answered a schedule call with {@code UNIMPLEMENTED}, as
 * the SDK's embedded test server (behind {@code agenthub dev}) does.
 */
public final class SchedulesUnsupportedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What to tell users. */
  public static final String MESSAGE =
      "this Temporal server has no schedules (the embedded test server of agenthub dev);"
          + " run agenthub dev --server=temporal-cli, or connect to a Temporal cluster";

  SchedulesUnsupportedException(Throwable cause) {
    super(MESSAGE, cause);
  }
}
