package dev.agenthub.workers.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.shared.agents.AgentSpec;
import dev.agenthub.shared.agents.BuiltInAgentSpecs;
import dev.agenthub.shared.cost.PriceTable;
import dev.agenthub.shared.cost.TokenEstimates;
import dev.agenthub.shared.workflow.AgentResult;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import okhttp3.OkHttpClient;

/**
 * The {@code llm} agent: one chat completion from an OpenAI-compatible provider or the simulated
 * one. Arguments: {@code prompt} or {@code messages}, and optionally {@code system}, {@code model},
 * {@code temperature}, {@code max_tokens}, {@code provider}, {@code latency} (simulated only).
 * Output: {@code {text, model, finishReason}}; usage is priced on the day of the call.
 */
public final class LlmAgent implements Agent {

  private final AgentsConfiguration.Llm config;
  private final PriceTable prices;
  private final Clock clock;
  private final Map<String, ChatBackend> backends = new HashMap<>();

  LlmAgent(AgentsConfiguration config, PriceTable prices, Clock clock, OkHttpClient http) {
    this.config = config.getLlm();
    this.prices = prices;
    this.clock = clock;
    OkHttpClient client =
        http.newBuilder()
            .callTimeout(this.config.requestTimeout())
            .readTimeout(this.config.requestTimeout())
            .build();
    this.config
        .providers()
        .forEach(
            (name, provider) ->
                backends.put(
                    name, new OpenAiChatClient(name, provider, client, config.environment())));
    backends.put(
        AgentsConfiguration.Llm.SIMULATED, new SimulatedChat(this.config.simulated().latency()));
  }

  /** Prompt tokens a step's arguments will send, estimated before the call (for budgets). */
  public static long estimateInputTokens(JsonNode arguments) {
    return TokenEstimates.inputTokens(arguments);
  }

  /** The most completion tokens a step's arguments allow (for budgets). */
  public static long estimateMaxOutputTokens(JsonNode arguments) {
    return TokenEstimates.maxOutputTokens(arguments);
  }

  @Override
  public AgentSpec spec() {
    return BuiltInAgentSpecs.LLM;
  }

  @Override
  public AgentResult run(AgentCall call) throws Exception {
    ChatRequest request = ChatRequest.parse(call.arguments());
    String provider = request.provider() != null ? request.provider() : config.defaultProvider();
    ChatBackend backend = backends.get(provider);
    if (backend == null) {
      throw AgentException.configError(
          "unknown llm provider \"" + provider + "\"; configured: " + backends.keySet());
    }
    ChatReply reply = backend.complete(request, call);
    ObjectNode output =
        HttpBodies.JSON
            .createObjectNode()
            .put("text", reply.text())
            .put("model", reply.model())
            .put("finishReason", reply.finishReason());
    LocalDate today = LocalDate.now(clock);
    String priced =
        prices.priceFor(reply.model(), today).isPresent() ? reply.model() : reply.requestedModel();
    return AgentResult.of(
        output, prices.usageFor(priced, reply.inputTokens(), reply.outputTokens(), today));
  }
}
