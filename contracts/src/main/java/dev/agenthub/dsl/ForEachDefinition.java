package dev.agenthub.dsl;

/**
 * A step's {@code forEach}: the step runs once per element of a list known only when it starts.
 *
 * @param items raw CEL expression that yields the list; each element's arguments and {@code when}
 *     see it as {@code item}, and its position as {@code index}
 * @param concurrency how many elements run at once; {@code null} = {@link #DEFAULT_CONCURRENCY}
 * @param onItemError what an element's failure does: {@link OnError#FAIL} (the default) fails the
 *     step and cancels the elements still running; {@link OnError#CONTINUE} records the element's
 *     error in its place of the output list and the other elements go on
 */
public record ForEachDefinition(String items, Integer concurrency, OnError onItemError) {

  /** Elements running at once when {@code concurrency} is not given. */
  public static final int DEFAULT_CONCURRENCY = 10;

  /** The most {@code concurrency} may be. */
  public static final int MAX_CONCURRENCY = 100;

  public ForEachDefinition {
    onItemError = onItemError == null ? OnError.FAIL : onItemError;
  }

  /** {@code concurrency}, or the default when not given. */
  public int effectiveConcurrency() {
    return concurrency == null ? DEFAULT_CONCURRENCY : concurrency;
  }
}
