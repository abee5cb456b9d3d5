package dev.agenthub.api.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class Rfc3339InstantsTest {

  @Test
  void parse_readsWhatRfc3339Allows_andJavaRefuses() {
    assertThat(Rfc3339Instants.parse("2026-11-30T10:00:00.123456789Z"))
        .isEqualTo(Instant.parse("2026-11-30T10:00:00.123456789Z"));
    assertThat(Rfc3339Instants.parse("1361-07-13T04:08:53.410870-21:48"))
        .isEqualTo(Instant.parse("1361-07-14T01:56:53.410870Z"));
    assertThat(Rfc3339Instants.parse("2016-12-31t23:59:60z"))
        .isEqualTo(Instant.parse("2016-12-31T23:59:59Z"));
  }

  @Test
  void parse_refusesWhatIsNoDateTime() {
    for (String text :
        new String[] {"yesterday", "2026-02-30T00:00:00Z", "2026-01-01T00:00:00+24:00"}) {
      assertThatThrownBy(() -> Rfc3339Instants.parse(text)).isInstanceOf(DateTimeException.class);
    }
  }
}
