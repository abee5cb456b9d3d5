package dev.agenthub.agents;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Duration;

/**
 * Durations in agent configuration and step arguments: the pipeline DSL's forms ({@code 250ms},
 * {@code 30s}, {@code 5m}, {@code 1h}, ISO-8601) or a bare number of milliseconds.
 */
public final class Durations {

  private Durations() {}

  /**
   * The duration {@code text} denotes: the pipeline DSL's forms, or a bare number of milliseconds.
   *
   * @throws IllegalArgumentException when it is not one of the accepted forms
   */
  static Duration parse(String text) {
    String trimmed = text.trim();
    if (trimmed.matches("\\d+")) {
      return Duration.ofMillis(Long.parseLong(trimmed));
    }
    return dev.agenthub.dsl.Durations.parse(trimmed);
  }

  /**
   * The duration in step argument {@code name}, or {@code fallback} when absent.
   *
   * @throws AgentException a config error when the argument is not a duration
   */
  public static Duration argument(JsonNode arguments, String name, Duration fallback)
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

  /**
   * The timeout in step argument {@code name}, or {@code fallback} when absent. Zero is refused: it
   * would mean "no timeout" to the HTTP client.
   *
   * @throws AgentException a config error when the argument is not a positive duration
   */
  public static Duration timeoutArgument(JsonNode arguments, String name, Duration fallback)
      throws AgentException {
    Duration timeout = argument(arguments, name, fallback);
    if (timeout.isZero()) {
      throw AgentException.configError(
          "argument `" + name + "` must be greater than 0 (a step's attempt is bounded anyway)");
    }
    return timeout;
  }

  /**
   * Writes config durations as ISO-8601 text ({@code PT1M}), which {@link Deserializer} reads back
   * exactly. Dropwizard turns a configuration into JSON and back when no file is given (the
   * defaults of {@code ./agenthub run}); Jackson's own form, a decimal number of seconds, would
   * come back as that many milliseconds.
   */
  static final class Serializer extends StdSerializer<Duration> {

    private static final long serialVersionUID = 1L;

    Serializer() {
      super(Duration.class);
    }

    @Override
    public void serialize(Duration value, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      generator.writeString(value.toString());
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
