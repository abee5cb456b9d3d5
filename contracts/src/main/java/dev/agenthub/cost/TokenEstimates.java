package dev.agenthub.cost;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * Token estimates for the {@code llm} agent's arguments, used by the simulated provider and by
 * budget checks before a call. The estimate is about four characters per token, at least one.
 */
public final class TokenEstimates {

  /** Output tokens assumed for a call whose step sets no {@code max_tokens}. */
  public static final long DEFAULT_MAX_OUTPUT_TOKENS = 1024;

  private TokenEstimates() {}

  /** The tokens of {@code text}: its length in characters divided by four, rounded up, min 1. */
  public static long tokens(String text) {
    if (text == null || text.isEmpty()) {
      return 1;
    }
    return Math.max(1, (text.length() + 3) / 4);
  }

  /**
   * The prompt tokens of an {@code llm} step: the {@code system} text plus the {@code prompt} or
   * every {@code messages[].content}.
   */
  public static long inputTokens(JsonNode arguments) {
    if (arguments == null) {
      return 1;
    }
    StringBuilder text = new StringBuilder();
    JsonNode system = arguments.path("system");
    if (system.isTextual()) {
      text.append(system.textValue());
    }
    JsonNode prompt = arguments.path("prompt");
    if (prompt.isTextual()) {
      text.append(prompt.textValue());
    }
    for (JsonNode message : arguments.path("messages")) {
      text.append(message.path("content").asText(""));
    }
    return tokens(text.toString());
  }

  /**
   * The most completion tokens an {@code llm} step may produce: its {@code max_tokens} (a number,
   * or a text holding one, as a rendered template gives), or {@link #DEFAULT_MAX_OUTPUT_TOKENS},
   * which the llm agent sends when the step sets none.
   */
  public static long maxOutputTokens(JsonNode arguments) {
    JsonNode max = arguments == null ? null : arguments.get("max_tokens");
    if (max != null && max.isTextual()) {
      try {
        long parsed = new BigDecimal(max.textValue().trim()).longValueExact();
        return parsed > 0 ? parsed : DEFAULT_MAX_OUTPUT_TOKENS;
      } catch (NumberFormatException | ArithmeticException notAWholeNumber) {
        // The llm agent refuses the step; nothing to reserve beyond the default.
        return DEFAULT_MAX_OUTPUT_TOKENS;
      }
    }
    return maxOutputTokensAsFirstEstimated(arguments);
  }

  /**
   * {@link #maxOutputTokens} as budget checks first read it, ignoring a numeric text: only for
   * replaying runs recorded then.
   */
  public static long maxOutputTokensAsFirstEstimated(JsonNode arguments) {
    JsonNode max = arguments == null ? null : arguments.get("max_tokens");
    if (max != null && max.canConvertToLong() && max.asLong() > 0) {
      return max.asLong();
    }
    return DEFAULT_MAX_OUTPUT_TOKENS;
  }
}
