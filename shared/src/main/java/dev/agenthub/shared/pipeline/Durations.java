package dev.agenthub.shared.pipeline;

import java.time.Duration;

/** Placeholder until the loader lands (replaced by the full parser). */
public final class Durations {
  private Durations() {}

  public static Duration parse(String text) {
    if (text.startsWith("P")) {
      return Duration.parse(text);
    }
    return Duration.parse("PT" + text.toUpperCase(java.util.Locale.ROOT));
  }
}
