package dev.agenthub.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  private static final Duration FALLBACK = Duration.ofSeconds(7);

  @Test
  void parse_takesABareNumberAsMillis_andTheDslForms() {
    assertThat(Durations.parse(" 1500 ")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void argument_isTheFallback_whenAbsentOrNull() throws Exception {
    ObjectNode with = JsonNodeFactory.instance.objectNode().putNull("timeout");

    assertThat(Durations.argument(with, "timeout", FALLBACK)).isEqualTo(FALLBACK);
    assertThat(Durations.argument(with, "other", FALLBACK)).isEqualTo(FALLBACK);
  }

  @Test
  void argument_readsNumbersAsMillis_andText() throws Exception {
    ObjectNode with =
        JsonNodeFactory.instance.objectNode().put("n", 40).put("t", "3s").put("zero", 0);

    assertThat(Durations.argument(with, "n", FALLBACK)).isEqualTo(Duration.ofMillis(40));
    assertThat(Durations.argument(with, "t", FALLBACK)).isEqualTo(Duration.ofSeconds(3));
    assertThat(Durations.argument(with, "zero", FALLBACK)).isZero();
  }

  @Test
  void argument_refusesNegativeAndUnreadableDurations_asConfigErrors() {
    ObjectNode with = JsonNodeFactory.instance.objectNode().put("n", -5).put("t", "soon");

    assertThatThrownBy(() -> Durations.argument(with, "n", FALLBACK))
        .isInstanceOf(AgentException.class)
        .hasMessage("argument `n`: must not be negative");
    assertThatThrownBy(() -> Durations.argument(with, "t", FALLBACK))
        .isInstanceOf(AgentException.class)
        .hasMessageStartingWith("argument `t`: ");
  }

  @Test
  void timeoutArgument_refusesZero_andPassesOthers() throws Exception {
    ObjectNode with = JsonNodeFactory.instance.objectNode().put("zero", 0).put("one", 1);

    assertThatThrownBy(() -> Durations.timeoutArgument(with, "zero", FALLBACK))
        .isInstanceOf(AgentException.class)
        .hasMessageContaining("must be greater than 0");
    assertThat(Durations.timeoutArgument(with, "one", FALLBACK)).isEqualTo(Duration.ofMillis(1));
    assertThat(Durations.timeoutArgument(with, "absent", FALLBACK)).isEqualTo(FALLBACK);
  }

  @Test
  void deserializer_readsNumbersAndText_andRefusesOtherText() throws Exception {
    ObjectMapper json =
        new ObjectMapper()
            .registerModule(
                new SimpleModule().addDeserializer(Duration.class, new Durations.Deserializer()));

    assertThat(json.readValue("1500", Duration.class)).isEqualTo(Duration.ofMillis(1500));
    assertThat(json.readValue("\"30s\"", Duration.class)).isEqualTo(Duration.ofSeconds(30));
    assertThatThrownBy(() -> json.readValue("\"soon\"", Duration.class))
        .isInstanceOf(JsonMappingException.class);
  }
}
