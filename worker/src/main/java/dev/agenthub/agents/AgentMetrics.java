package dev.agenthub.agents;

import static dev.agenthub.telemetry.MetricNames.AGENT;
import static dev.agenthub.telemetry.MetricNames.GEN_AI_OPERATION_NAME;
import static dev.agenthub.telemetry.MetricNames.GEN_AI_PROVIDER_NAME;
import static dev.agenthub.telemetry.MetricNames.GEN_AI_REQUEST_MODEL;
import static dev.agenthub.telemetry.MetricNames.GEN_AI_TOKEN_TYPE;
import static dev.agenthub.telemetry.MetricNames.MODEL;
import static dev.agenthub.telemetry.MetricNames.PIPELINE;
import static dev.agenthub.telemetry.MetricNames.TOKEN_TYPE;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.cost.PriceTable;
import dev.agenthub.cost.Usage;
import dev.agenthub.telemetry.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Cost, token and GenAI metrics of agent calls, recorded by the activity once per completed call.
 * Activities never replay, so recording straight into the registry counts each call once; the cost
 * is the one stored in the step result, so metrics and run history agree.
 *
 * <p>The {@code model} and {@code gen_ai.request.model} labels take only the models the worker
 * knows (the price table's, and the providers' default models); any other name, which a step's
 * {@code with} (and so run input) may choose freely, is counted as {@value #OTHER_MODEL}, so that
 * no caller can grow the number of series without bound.
 */
public final class AgentMetrics {

  /** {@code gen_ai.client.token.usage} bucket boundaries from the GenAI semantic conventions. */
  static final double[] TOKEN_USAGE_BUCKETS = {
    1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864
  };

  /** {@code gen_ai.client.operation.duration} bucket boundaries (seconds), same source. */
  static final double[] OPERATION_DURATION_BUCKETS = {
    0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92
  };

  /** The label of a model the worker neither prices nor configures. */
  static final String OTHER_MODEL = "other";

  /** The label of usage that names no model. */
  static final String NO_MODEL = "none";

  private static final String LLM = "llm";
  private static final String CHAT = "chat";

  private final MeterRegistry registry;
  private final String defaultProvider;
  private final Set<String> knownModels;

  private AgentMetrics(MeterRegistry registry, String defaultProvider, Set<String> knownModels) {
    this.registry = requireNonNull(registry, "registry");
    this.defaultProvider = requireNonNull(defaultProvider, "defaultProvider");
    this.knownModels = Set.copyOf(requireNonNull(knownModels, "knownModels"));
  }

  /**
   * Metrics into {@code registry}; {@code config} names the provider of steps that set none and,
   * with {@code prices}, the models that may appear in labels.
   */
  public static AgentMetrics of(
      MeterRegistry registry, AgentsConfiguration config, PriceTable prices) {
    Set<String> models = new HashSet<>(prices.models());
    config.getLlm().providers().values().stream()
        .map(AgentsConfiguration.Provider::defaultModel)
        .filter(Objects::nonNull)
        .forEach(models::add);
    return new AgentMetrics(registry, config.getLlm().defaultProvider(), models);
  }

  /** Metrics that go nowhere (tests and tools without a registry). */
  public static AgentMetrics none() {
    return new AgentMetrics(
        new CompositeMeterRegistry(), AgentsConfiguration.Llm.SIMULATED, Set.of());
  }

  /** Records one completed call of {@code agent}. */
  void completed(String agent, AgentRequest request, AgentResult result, Duration elapsed) {
    Usage usage = result.usage();
    if (usage == null || (usage.model() == null && !consumed(usage))) {
      return;
    }
    String pipeline = request.pipeline() == null ? "unknown" : request.pipeline();
    // A call the run's price snapshot priced names a priced model, whatever this worker's table.
    String model = usage.model() == null ? NO_MODEL : label(usage.model(), usage.pricingKnown());
    costAndTokens(pipeline, agent, model, usage);
    if (usage.model() != null && !usage.pricingKnown()) {
      Counter.builder(MetricNames.PRICING_UNKNOWN_MODEL)
          .description("Calls of a model the price table lacks (costed at 0)")
          .tags(MODEL, model)
          .register(registry)
          .increment();
    }
    if (LLM.equals(agent)) {
      genAi(request.arguments(), model, usage, elapsed);
    }
  }

  /**
   * Records the usage an agent in another worker reported for one call (see {@code
   * dev.agenthub.run.ReportedUsage}). Its model name is the agent's own: it labels the series only
   * when the worker prices or configures that model.
   */
  public void reported(String pipeline, String agent, Usage usage) {
    if (usage == null || !consumed(usage)) {
      return;
    }
    String model = usage.model() == null ? NO_MODEL : label(usage.model(), false);
    costAndTokens(pipeline, agent, model, usage);
  }

  /**
   * Records the model turns one agent loop took (a histogram: the workflow's metrics scope cannot
   * report one). The interpreter calls it only while not replaying.
   */
  public void agentLoopEnded(String pipeline, String step, int turns) {
    DistributionSummary.builder(MetricNames.AGENT_LOOP_TURNS)
        .description(MetricNames.DESCRIPTIONS.get(MetricNames.AGENT_LOOP_TURNS))
        .tags(PIPELINE, pipeline, MetricNames.STEP, step)
        .serviceLevelObjectives(1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 50)
        .register(registry)
        .record(turns);
  }

  private static boolean consumed(Usage usage) {
    return usage.costUsd() > 0 || usage.inputTokens() > 0 || usage.outputTokens() > 0;
  }

  private void costAndTokens(String pipeline, String agent, String model, Usage usage) {
    Counter.builder(MetricNames.AGENT_COST)
        .description("Spend of agent calls in US dollars, at the price table's rates")
        .tags(PIPELINE, pipeline, AGENT, agent, MODEL, model)
        .register(registry)
        .increment(usage.costUsd());
    tokens(pipeline, agent, model, "input", usage.inputTokens());
    tokens(pipeline, agent, model, "output", usage.outputTokens());
  }

  private void tokens(String pipeline, String agent, String model, String type, long count) {
    Counter.builder(MetricNames.AGENT_TOKENS)
        .description("Tokens of agent calls")
        .tags(PIPELINE, pipeline, AGENT, agent, MODEL, model, TOKEN_TYPE, type)
        .register(registry)
        .increment(count);
  }

  private void genAi(JsonNode arguments, String responseModel, Usage usage, Duration elapsed) {
    String provider = text(arguments, "provider", defaultProvider);
    String requested = text(arguments, "model", null);
    String model = requested == null ? responseModel : label(requested, false);
    for (String type : new String[] {"input", "output"}) {
      DistributionSummary.builder(MetricNames.GEN_AI_TOKEN_USAGE)
          .description("Number of input and output tokens used")
          .serviceLevelObjectives(TOKEN_USAGE_BUCKETS)
          .tags(
              GEN_AI_OPERATION_NAME, CHAT,
              GEN_AI_PROVIDER_NAME, provider,
              GEN_AI_REQUEST_MODEL, model,
              GEN_AI_TOKEN_TYPE, type)
          .register(registry)
          .record("input".equals(type) ? usage.inputTokens() : usage.outputTokens());
    }
    Timer.builder(MetricNames.GEN_AI_OPERATION_DURATION)
        .description("GenAI operation duration")
        .serviceLevelObjectives(seconds(OPERATION_DURATION_BUCKETS))
        .tags(
            GEN_AI_OPERATION_NAME, CHAT,
            GEN_AI_PROVIDER_NAME, provider,
            GEN_AI_REQUEST_MODEL, model)
        .register(registry)
        .record(elapsed);
  }

  /** {@code model} when it is priced or configured, else {@value #OTHER_MODEL}. */
  String label(String model, boolean priced) {
    return priced || knownModels.contains(model) ? model : OTHER_MODEL;
  }

  private static String text(JsonNode arguments, String field, String fallback) {
    JsonNode value = arguments == null ? null : arguments.get(field);
    return value != null && value.isTextual() ? value.textValue() : fallback;
  }

  private static Duration[] seconds(double[] values) {
    Duration[] durations = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      durations[i] = Duration.ofNanos(Math.round(values[i] * 1e9));
    }
    return durations;
  }
}
