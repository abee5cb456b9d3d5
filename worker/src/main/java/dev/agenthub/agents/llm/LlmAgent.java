package dev.agenthub.agents.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.agents.Agent;
import dev.agenthub.agents.AgentActivities;
import dev.agenthub.agents.AgentCall;
import dev.agenthub.agents.AgentException;
import dev.agenthub.agents.AgentResult;
import dev.agenthub.agents.AgentsConfiguration;
import dev.agenthub.agents.BuiltInAgentSpecs;
import dev.agenthub.agents.GenAiAttributes;
import dev.agenthub.agents.HttpBodies;
import dev.agenthub.agents.TracedHttp;
import dev.agenthub.cost.PriceTable;
import dev.agenthub.cost.TokenEstimates;
import dev.agenthub.cost.Usage;
import dev.agenthub.telemetry.PresetSpanIds;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import okhttp3.OkHttpClient;

/**
 * The {@code llm} agent: one chat completion from an OpenAI-compatible provider or the simulated
 * one. Arguments: {@code prompt} or {@code messages}, and optionally {@code system}, {@code model},
 * {@code temperature}, {@code max_tokens}, {@code provider}, {@code latency} (simulated only).
 * Output: {@code {text, model, finishReason}}; usage is priced on the day of the call. A turn of an
 * agent loop also passes {@code tools}, {@code tool_choice}, {@code parallel_tool_calls} and {@code
 * response_format} (OpenAI's protocol) and gets {@code toolCalls: [{id, name, arguments}]}.
 *
 * <p>Each call is a {@code chat {model}} client span with the OpenTelemetry GenAI attributes (no
 * prompt or completion content); the provider's HTTP request is its child. A turn of an agent loop
 * is a child of the loop's {@code invoke_agent} span ({@link
 * dev.agenthub.agents.AgentRequest#agentSpanId}) where span ids can be preset.
 */
public final class LlmAgent implements Agent {

  private final AgentsConfiguration.Llm config;
  private final PriceTable prices;
  private final Clock clock;
  private final OpenTelemetry openTelemetry;
  private final Tracer tracer;
  private final Map<String, ChatBackend> backends = new HashMap<>();

  public LlmAgent(AgentsConfiguration config, PriceTable prices, Clock clock, OkHttpClient http) {
    this(config, prices, clock, http, OpenTelemetry.noop());
  }

  public LlmAgent(
      AgentsConfiguration config,
      PriceTable prices,
      Clock clock,
      OkHttpClient http,
      OpenTelemetry openTelemetry) {
    this.config = config.getLlm();
    this.prices = prices;
    this.clock = clock;
    this.openTelemetry = openTelemetry;
    this.tracer = openTelemetry.getTracer(AgentActivities.INSTRUMENTATION_SCOPE);
    // The per-call timeout (requestTimeout, bounded by the attempt) covers the whole exchange.
    var client =
        TracedHttp.of(openTelemetry).calls(http.newBuilder().readTimeout(Duration.ZERO).build());
    this.config
        .providers()
        .forEach(
            (name, provider) ->
                backends.put(
                    name,
                    new OpenAiChatClient(
                        name,
                        provider,
                        client,
                        this.config.requestTimeout(),
                        config.environment())));
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
  public String name() {
    return BuiltInAgentSpecs.LLM.name();
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
    String model = backend.model(request);
    SpanBuilder builder =
        tracer
            .spanBuilder(model == null ? "chat" : "chat " + model)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute(GenAiAttributes.OPERATION_NAME, "chat")
            .setAttribute(GenAiAttributes.PROVIDER_NAME, backend.providerName())
            .setAttribute(GenAiAttributes.REQUEST_MODEL, model);
    PresetSpanIds.parent(openTelemetry, call.request().agentSpanId()).ifPresent(builder::setParent);
    Span span = builder.startSpan();
    try (Scope scope = span.makeCurrent()) {
      AgentResult result = complete(backend, request, call);
      Usage usage = result.usage();
      span.setAttribute(GenAiAttributes.RESPONSE_MODEL, result.output().path("model").asText(null));
      span.setAttribute(GenAiAttributes.USAGE_INPUT_TOKENS, usage.inputTokens());
      span.setAttribute(GenAiAttributes.USAGE_OUTPUT_TOKENS, usage.outputTokens());
      span.setAttribute(AgentActivities.COST_USD, usage.costUsd());
      return result;
    } catch (Exception e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR, e.getMessage());
      span.setAttribute(GenAiAttributes.ERROR_TYPE, e.getClass().getName());
      throw e;
    } finally {
      span.end();
    }
  }

  private AgentResult complete(ChatBackend backend, ChatRequest request, AgentCall call)
      throws Exception {
    ChatReply reply = backend.complete(request, call);
    ObjectNode output =
        HttpBodies.JSON
            .createObjectNode()
            .put("text", reply.text())
            .put("model", reply.model())
            .put("finishReason", reply.finishReason());
    if (request.offersTools()) {
      output.set("toolCalls", ToolCalls.of(reply.toolCalls()));
    }
    LocalDate today = LocalDate.now(clock);
    String priced =
        prices.priceFor(reply.model(), today).isPresent() ? reply.model() : reply.requestedModel();
    return AgentResult.of(
        output, prices.usageFor(priced, reply.inputTokens(), reply.outputTokens(), today));
  }
}
