package dev.agenthub.cost;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TokenEstimatesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void tokens_isAboutFourCharactersPerToken_atLeastOne() {
    assertThat(TokenEstimates.tokens("")).isEqualTo(1);
    assertThat(TokenEstimates.tokens("abc")).isEqualTo(1);
    assertThat(TokenEstimates.tokens("abcde")).isEqualTo(2);
    assertThat(TokenEstimates.tokens("x".repeat(400))).isEqualTo(100);
  }

  @Test
  void inputTokens_countsSystemPromptAndMessages() throws Exception {
    assertThat(
            TokenEstimates.inputTokens(
                JSON.readTree("{\"system\":\"abcd\",\"prompt\":\"efghijkl\"}")))
        .isEqualTo(3);
    assertThat(
            TokenEstimates.inputTokens(
                JSON.readTree(
                    "{\"messages\":[{\"role\":\"user\",\"content\":\"abcd\"},"
                        + "{\"role\":\"assistant\",\"content\":\"abcd\"}]}")))
        .isEqualTo(2);
  }

  @Test
  void maxOutputTokens_usesMaxTokens_orTheDefault() throws Exception {
    assertThat(TokenEstimates.maxOutputTokens(JSON.readTree("{\"max_tokens\":50}"))).isEqualTo(50);
    assertThat(TokenEstimates.maxOutputTokens(JSON.readTree("{}")))
        .isEqualTo(TokenEstimates.DEFAULT_MAX_OUTPUT_TOKENS);
  }
}
