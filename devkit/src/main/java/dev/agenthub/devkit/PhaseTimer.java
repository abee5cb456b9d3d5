package dev.agenthub.devkit;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Where a command's time goes: with {@code AGENTHUB_TIMINGS} set, each {@link #mark} prints the
 * phase that just ended, its length and the time since the JVM started, to standard error ({@code
 * scripts/bench-cli.sh} reads them). Otherwise it does nothing.
 */
final class PhaseTimer {

  /** The variable that turns the timings on. */
  static final String ENV = "AGENTHUB_TIMINGS";

  private final PrintStream err;
  private final Instant jvmStart;
  private Instant last;

  private PhaseTimer(PrintStream err, Instant jvmStart) {
    this.err = err;
    this.jvmStart = jvmStart;
    this.last = jvmStart;
  }

  /** A timer that prints when {@code AGENTHUB_TIMINGS} is set, else one that does nothing. */
  static PhaseTimer fromEnvironment() {
    if (System.getenv(ENV) == null) {
      return new PhaseTimer(null, null);
    }
    return new PhaseTimer(
        System.err, ProcessHandle.current().info().startInstant().orElse(Instant.now()));
  }

  /** Marks the end of {@code phase}. */
  void mark(String phase) {
    if (err == null) {
      return;
    }
    Instant now = Instant.now();
    err.printf(
        Locale.ROOT,
        "timing %-34s %6d ms  (at %6d ms)%n",
        phase,
        Duration.between(last, now).toMillis(),
        Duration.between(jvmStart, now).toMillis());
    last = now;
  }
}
