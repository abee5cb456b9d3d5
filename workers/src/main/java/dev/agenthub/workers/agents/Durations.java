package dev.agenthub.workers.agents;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses human durations as written in config and step arguments: {@code 250ms}, {@code 30s},
 * {@code 5m}, {@code 1h}, an ISO-8601 duration ({@code PT30S}), or a bare number of milliseconds.
 */
final class Durations {

  private static final Pattern HUMAN = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  private Durations() {}

  /**
   * The duration {@code text} denotes.
   *
   * @throws IllegalArgumentException when it is not one of the accepted forms
   */
  static Duration parse(String text) {
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = HUMAN.matcher(trimmed);
    if (m.matches()) {
      long amount = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      };
    }
    if (trimmed.matches("\\d+")) {
      return Duration.ofMillis(Long.parseLong(trimmed));
    }
    try {
      return Duration.parse(trimmed.toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not a duration (use e.g. 250ms, 30s, 5m, 1h)", e);
    }
  }

  /**
   * The duration in step argument {@code name}, or {@code fallback} when absent.
   *
   * @throws AgentException a config error when the argument is not a duration
   */
  static Duration argument(JsonNode arguments, String name, Duration fallback)
      throws AgentException {
    JsonNode value = arguments.get(name);
    if (value == null || value.isNull()) {
      return fallback;
    }
    try {
      Duration duration =
          value.isIntegralNumber() ? Duration.ofMillis(value.longValue()) : parse(value.asText());
      if (duration.isNegative()) {
        throw new IllegalArgumentException("must not be negative");
      }
      return duration;
    } catch (IllegalArgumentException e) {
      throw AgentException.configError("argument `" + name + "`: " + e.getMessage());
    }
  }

  /** Reads config durations in any of the accepted forms. */
  static final class Deserializer extends StdDeserializer<Duration> {

    private static final long serialVersionUID = 1L;

    Deserializer() {
      super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      if (parser.currentToken().isNumeric()) {
        return Duration.ofMillis(parser.getLongValue());
      }
      String text = parser.getValueAsString();
      try {
        return parse(text);
      } catch (IllegalArgumentException e) {
        return (Duration) context.handleWeirdStringValue(Duration.class, text, e.getMessage());
      }
    }
  }
}
