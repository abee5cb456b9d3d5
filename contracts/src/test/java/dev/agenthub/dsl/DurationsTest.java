package dev.agenthub.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "500ms, PT0.5S",
    "30s, PT30S",
    "5m, PT5M",
    "1h, PT1H",
    "1h30m, PT1H30M",
    "1.5h, PT1H30M",
    "2d, PT48H",
    "1d2h3m4s5ms, PT26H3M4.005S",
    "PT5M, PT5M",
    "pt10s, PT10S",
    "P1D, PT24H",
    "' 45s ', PT45S"
  })
  void parse_acceptsGoStyleAndIso(String text, String expected) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"5 minutes", "5", "m", "5x", "1h 30m", "-5s", "PT", "P-1D", "1.s"})
  void parse_rejectsMalformedText_namingTheInput(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"" + text + "\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0s", "0ms", "PT0S", "PT-5M"})
  void parse_rejectsZeroAndNegative(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("duration \"" + text + "\" must be greater than zero");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void parse_rejectsMissingText(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
  }
}
