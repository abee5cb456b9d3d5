package dev.agenthub.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Builds agent calls for tests. */
public final class AgentCalls {

  public static final ObjectMapper JSON = new ObjectMapper();
  public static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);
  public static final String IDEMPOTENCY_KEY = "run-1/step-1";

  private AgentCalls() {}

  public static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A call of step {@code step-1} in pipeline {@code demo} with these arguments. */
  public static AgentCall call(String arguments) {
    return AgentCall.of(new AgentRequest("demo", "step-1", json(arguments), IDEMPOTENCY_KEY, null));
  }

  /** A call whose request carries the run context (for {@code transform}). */
  public static AgentCall callWithContext(String arguments, String context) {
    return AgentCall.of(
        new AgentRequest("demo", "step-1", json(arguments), IDEMPOTENCY_KEY, json(context)));
  }
}
