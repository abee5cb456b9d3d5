package dev.agenthub.testing;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * The one way tests wait for something: try, then sleep {@link #INTERVAL}, until a deadline.
 *
 * <p>Tests run on small shared machines; a loop that spins (or sends a describe and a query on
 * every pass) starves the server it waits for. A short sleep costs a test at most one interval and
 * leaves the CPU to the work under test. On timeout the failure names what was awaited and the last
 * value seen. An exception from a probe ends the wait at once (a checked one wrapped in an {@link
 * AssertionError}); a probe that means "not yet" by an exception catches it itself.
 */
public final class Poll {

  /** The pause between two tries. */
  public static final Duration INTERVAL = Duration.ofMillis(100);

  private static final int MAX_SHOWN = 8_000;

  private Poll() {}

  /**
   * Polls {@code probe} until {@code done} accepts its value, and returns that value.
   *
   * @throws AssertionError after {@code timeout}, naming {@code what} and the last value seen
   */
  public static <T> T until(
      String what, Duration timeout, Callable<T> probe, Predicate<? super T> done) {
    Objects.requireNonNull(what, "what");
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = call(what, probe);
    while (!done.test(last)) {
      if (System.nanoTime() - deadline >= 0) {
        throw new AssertionError(
            "timed out after " + timeout + " waiting for " + what + "; last seen: " + shown(last));
      }
      pause(what);
      last = call(what, probe);
    }
    return last;
  }

  /**
   * Polls {@code probe} until it yields a value, and returns the value.
   *
   * @throws AssertionError after {@code timeout}, naming {@code what}
   */
  public static <T> T untilPresent(String what, Duration timeout, Callable<Optional<T>> probe) {
    return until(what, timeout, probe, Optional::isPresent).orElseThrow();
  }

  /**
   * Polls {@code condition} until it holds.
   *
   * @throws AssertionError after {@code timeout}, naming {@code what}
   */
  public static void untilTrue(String what, Duration timeout, Callable<Boolean> condition) {
    until(what, timeout, condition, Boolean.TRUE::equals);
  }

  private static <T> T call(String what, Callable<T> probe) {
    try {
      return probe.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + what, e);
    } catch (Exception e) {
      throw new AssertionError("failed while waiting for " + what, e);
    }
  }

  /** A scrape or a trace can run to megabytes: the head is enough to see what went wrong. */
  private static String shown(Object last) {
    String text = String.valueOf(last);
    return text.length() <= MAX_SHOWN
        ? text
        : text.substring(0, MAX_SHOWN) + "... (" + (text.length() - MAX_SHOWN) + " more chars)";
  }

  private static void pause(String what) {
    try {
      Thread.sleep(INTERVAL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + what, e);
    }
  }
}
