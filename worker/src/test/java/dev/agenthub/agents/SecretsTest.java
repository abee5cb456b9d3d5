package dev.agenthub.agents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {

  @Test
  void redact_masksEveryOccurrenceOfEachSecret() {
    assertThat(Secrets.redact("key sk-1 and sk-1 and tok", "sk-1", "tok"))
        .isEqualTo("key *** and *** and ***");
  }

  @Test
  void redact_ignoresNullAndBlankSecrets_andKeepsNullText() {
    assertThat(Secrets.redact("a b", null, " ", "")).isEqualTo("a b");
    assertThat(Secrets.redact(null, "x")).isNull();
  }
}
