package dev.agenthub.dsl;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the duration strings of pipeline YAML: Go-style sequences of a number and a unit ({@code
 * "500ms"}, {@code "30s"}, {@code "5m"}, {@code "1h30m"}, {@code "1.5h"}, {@code "2d"}; units ms,
 * s, m, h, d) and ISO-8601 ({@code "PT5M"}, {@code "P1D"}).
 */
public final class Durations {

  private static final Pattern GO_STYLE = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h|d))+");
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");
  private static final Map<String, Long> NANOS_PER_UNIT =
      Map.of(
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L,
          "d", 86_400_000_000_000L);

  private Durations() {}

  /**
   * The positive duration {@code text} denotes.
   *
   * @throws IllegalArgumentException if {@code text} is null, malformed, zero or negative
   */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("duration is empty; expected e.g. \"30s\" or \"5m\"");
    }
    String trimmed = text.trim();
    Duration duration =
        trimmed.toUpperCase(Locale.ROOT).startsWith("P") ? parseIso(text, trimmed) : parseGo(text);
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException("duration \"" + text + "\" must be greater than zero");
    }
    return duration;
  }

  private static Duration parseIso(String original, String trimmed) {
    try {
      return Duration.parse(trimmed);
    } catch (DateTimeParseException e) {
      throw malformed(original);
    }
  }

  private static Duration parseGo(String original) {
    String text = original.trim();
    if (!GO_STYLE.matcher(text).matches()) {
      throw malformed(original);
    }
    BigDecimal nanos = BigDecimal.ZERO;
    Matcher part = PART.matcher(text);
    while (part.find()) {
      BigDecimal amount = new BigDecimal(part.group(1));
      nanos = nanos.add(amount.multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(part.group(2)))));
    }
    try {
      return Duration.ofNanos(nanos.longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("duration \"" + original + "\" is too long", e);
    }
  }

  private static IllegalArgumentException malformed(String text) {
    return new IllegalArgumentException(
        "invalid duration \""
            + text
            + "\"; expected e.g. \"500ms\", \"30s\", \"5m\", \"1h30m\", \"2d\" or ISO-8601"
            + " \"PT5M\"");
  }
}
