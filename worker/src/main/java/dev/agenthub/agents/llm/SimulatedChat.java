package dev.agenthub.agents.llm;

import dev.agenthub.agents.AgentCall;
import dev.agenthub.agents.AgentsConfiguration;
import dev.agenthub.agents.Durations;
import dev.agenthub.cost.TokenEstimates;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;

/**
 * The {@code simulated} provider: no network and no cost beyond the price table's {@code sim-*}
 * rates. The same model and messages always give the same text; token counts follow the text
 * lengths. Each call takes the configured latency, heartbeating every second. Offered tools, it
 * calls them as {@link SimulatedToolUse} describes.
 */
final class SimulatedChat implements ChatBackend {

  static final String DEFAULT_MODEL = "sim-small";

  private static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(1);

  private static final List<String> OPENINGS =
      List.of(
          "In short,",
          "Put simply,",
          "On balance,",
          "Looking closer,",
          "As a first pass,",
          "Most importantly,",
          "Taken together,",
          "From experience,");
  private static final List<String> SUBJECTS =
      List.of(
          "durable workflows",
          "the pipeline",
          "each step",
          "retries with backoff",
          "a clear budget",
          "the evidence",
          "small, idempotent activities",
          "good observability");
  private static final List<String> CLAIMS =
      List.of(
          "keep long-running work recoverable",
          "make failures cheap to handle",
          "turn surprises into routine events",
          "deserve a careful second look",
          "pay off quickly in production",
          "reduce the cost of mistakes",
          "give operators a clear picture",
          "matter more than raw speed");

  private final Duration defaultLatency;

  SimulatedChat(Duration defaultLatency) {
    this.defaultLatency = defaultLatency;
  }

  @Override
  public String providerName() {
    return AgentsConfiguration.Llm.SIMULATED;
  }

  @Override
  public String model(ChatRequest request) {
    return request.model() != null ? request.model() : DEFAULT_MODEL;
  }

  @Override
  public ChatReply complete(ChatRequest request, AgentCall call) throws Exception {
    pause(Durations.argument(call.arguments(), "latency", defaultLatency), call);
    String model = request.model() == null ? DEFAULT_MODEL : request.model();
    if (request.offersTools() || request.responseFormat() != null) {
      return SimulatedToolUse.reply(model, request);
    }
    String text = text(model, request);
    String finishReason = "stop";
    if (TokenEstimates.tokens(text) > request.maxTokens()) {
      text = text.substring(0, (int) Math.min(text.length(), request.maxTokens() * 4));
      finishReason = "length";
    }
    return new ChatReply(
        text,
        model,
        model,
        finishReason,
        TokenEstimates.tokens(request.transcript()),
        TokenEstimates.tokens(text));
  }

  /** Deterministic prose: a topic line from the last user message, then 2–4 sentences. */
  static String text(String model, ChatRequest request) {
    byte[] seed = sha256(model + '\u0000' + request.transcript());
    StringBuilder text = new StringBuilder();
    String topic = request.lastUserContent().strip().replaceAll("\\s+", " ");
    if (!topic.isEmpty()) {
      text.append("On \"")
          .append(topic.length() > 60 ? topic.substring(0, 60) + "…" : topic)
          .append("\": ");
    }
    int sentences = 2 + Byte.toUnsignedInt(seed[0]) % 3;
    for (int i = 0; i < sentences; i++) {
      if (i > 0) {
        text.append(' ');
      }
      text.append(pick(OPENINGS, seed[1 + 3 * i]))
          .append(' ')
          .append(pick(SUBJECTS, seed[2 + 3 * i]))
          .append(' ')
          .append(pick(CLAIMS, seed[3 + 3 * i]))
          .append('.');
    }
    return text.toString();
  }

  private static String pick(List<String> words, byte b) {
    return words.get(Byte.toUnsignedInt(b) % words.size());
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Sleeps {@code latency} in slices, heartbeating after each, so cancellation is noticed. */
  private static void pause(Duration latency, AgentCall call) throws InterruptedException {
    long remaining = latency.toMillis();
    while (remaining > 0) {
      long slice = Math.min(remaining, HEARTBEAT_EVERY.toMillis());
      Thread.sleep(slice);
      remaining -= slice;
      call.heartbeat().beat(null);
    }
  }
}
