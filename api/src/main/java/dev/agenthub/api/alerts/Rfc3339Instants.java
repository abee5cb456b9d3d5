package dev.agenthub.api.alerts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an RFC 3339 {@code date-time} (what the webhook's OpenAPI schema promises to accept) as an
 * {@link Instant}. Java's own parsers refuse parts of it that RFC 3339 allows: offsets beyond
 * ±18:00, a leap second ({@code :60}, read as {@code :59}), a lower-case {@code t} or {@code z}.
 */
final class Rfc3339Instants extends StdScalarDeserializer<Instant> {

  private static final long serialVersionUID = 1L;

  private static final Pattern DATE_TIME =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9})\\d*)?"
              + "(Z|([+-])(\\d{2}):(\\d{2}))");

  Rfc3339Instants() {
    super(Instant.class);
  }

  @Override
  public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    if (parser.currentToken() != JsonToken.VALUE_STRING) {
      return (Instant) context.handleUnexpectedToken(Instant.class, parser);
    }
    String text = parser.getText();
    try {
      return parse(text);
    } catch (DateTimeException e) {
      return (Instant)
          context.handleWeirdStringValue(Instant.class, text, "not an RFC 3339 date-time");
    }
  }

  /** The instant {@code text} names; {@link DateTimeException} when it is no RFC 3339 date-time. */
  static Instant parse(String text) {
    Matcher m = DATE_TIME.matcher(text.toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      throw new DateTimeException("not an RFC 3339 date-time: " + text);
    }
    LocalDateTime local =
        LocalDateTime.of(
            number(m, 1),
            number(m, 2),
            number(m, 3),
            number(m, 4),
            number(m, 5),
            Math.min(number(m, 6), 59));
    int nanos =
        m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "00000000").substring(0, 9));
    int offsetSeconds = 0;
    if (m.group(9) != null) {
      int hours = number(m, 10);
      int minutes = number(m, 11);
      if (hours > 23 || minutes > 59) {
        throw new DateTimeException("invalid offset in " + text);
      }
      offsetSeconds = (hours * 3600 + minutes * 60) * (m.group(9).equals("-") ? -1 : 1);
    }
    return local.toInstant(ZoneOffset.UTC).plusNanos(nanos).minusSeconds(offsetSeconds);
  }

  private static int number(Matcher m, int group) {
    return Integer.parseInt(m.group(group));
  }
}
