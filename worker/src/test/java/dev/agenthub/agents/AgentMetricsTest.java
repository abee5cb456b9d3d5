package dev.agenthub.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.cost.PriceTable;
import dev.agenthub.cost.Usage;
import dev.agenthub.telemetry.MetricNames;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AgentMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AgentMetrics metrics = AgentMetrics.of(registry, configured(), prices());

  @Test
  void completed_labelsPricedAndConfiguredModelsByName() {
    call("sim-small", new Usage("sim-small", 10, 5, 0.01, true));
    call(null, new Usage("my-default", 10, 5, 0, false));

    assertThat(labels(MetricNames.AGENT_COST, MetricNames.MODEL))
        .containsExactlyInAnyOrder("sim-small", "my-default");
    assertThat(labels(MetricNames.GEN_AI_TOKEN_USAGE, MetricNames.GEN_AI_REQUEST_MODEL))
        .containsExactlyInAnyOrder("sim-small", "my-default");
  }

  @Test
  void completed_labelsAnyOtherModelOther_whateverTheCallerNamed() {
    for (int i = 0; i < 50; i++) {
      call("made-up-" + i, new Usage("made-up-" + i, 10, 5, 0, false));
    }

    assertThat(labels(MetricNames.AGENT_COST, MetricNames.MODEL)).containsExactly("other");
    assertThat(labels(MetricNames.AGENT_TOKENS, MetricNames.MODEL)).containsExactly("other");
    assertThat(labels(MetricNames.PRICING_UNKNOWN_MODEL, MetricNames.MODEL))
        .containsExactly("other");
    assertThat(labels(MetricNames.GEN_AI_TOKEN_USAGE, MetricNames.GEN_AI_REQUEST_MODEL))
        .containsExactly("other");
    assertThat(labels(MetricNames.GEN_AI_OPERATION_DURATION, MetricNames.GEN_AI_REQUEST_MODEL))
        .containsExactly("other");
  }

  @Test
  void completed_countsTheCallsCostTokensAndGenAiValues() {
    ObjectNode with = JsonNodeFactory.instance.objectNode().put("provider", "mine");

    metrics.completed(
        "llm",
        new AgentRequest("brief", "draft", with, "run-1/draft", null),
        AgentResult.of(
            JsonNodeFactory.instance.objectNode(), new Usage("sim-small", 10, 5, 0.25, true)),
        Duration.ofMillis(250));

    assertThat(
            registry
                .get(MetricNames.AGENT_COST)
                .tags(MetricNames.PIPELINE, "brief", MetricNames.AGENT, "llm")
                .counter()
                .count())
        .isEqualTo(0.25);
    assertThat(tokens("input")).isEqualTo(10);
    assertThat(tokens("output")).isEqualTo(5);
    assertThat(genAiTokens("input").totalAmount()).isEqualTo(10);
    assertThat(genAiTokens("output").totalAmount()).isEqualTo(5);
    assertThat(genAiTokens("output").count()).isEqualTo(1);
    var duration =
        registry
            .get(MetricNames.GEN_AI_OPERATION_DURATION)
            .tags(MetricNames.GEN_AI_PROVIDER_NAME, "mine")
            .timer();
    assertThat(duration.count()).isEqualTo(1);
    assertThat(duration.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(250);
    assertThat(registry.find(MetricNames.PRICING_UNKNOWN_MODEL).counters()).isEmpty();
  }

  @Test
  void completed_namesTheDefaultProvider_andAnUnknownPipeline_whenTheStepSetsNone() {
    metrics.completed(
        "llm",
        new AgentRequest(null, "draft", JsonNodeFactory.instance.objectNode(), "k", null),
        AgentResult.of(
            JsonNodeFactory.instance.objectNode(), new Usage("sim-small", 1, 1, 0.1, true)),
        Duration.ofMillis(5));

    assertThat(labels(MetricNames.GEN_AI_OPERATION_DURATION, MetricNames.GEN_AI_PROVIDER_NAME))
        .containsExactly("simulated");
    assertThat(labels(MetricNames.AGENT_COST, MetricNames.PIPELINE)).containsExactly("unknown");
  }

  @Test
  void completed_recordsNothing_forACallThatUsedNothing() {
    metrics.completed(
        "http",
        new AgentRequest("brief", "fetch", JsonNodeFactory.instance.objectNode(), "k", null),
        AgentResult.of(JsonNodeFactory.instance.objectNode(), Usage.NONE),
        Duration.ofMillis(5));

    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  void completed_countsModellessSpendAsNone_withoutGenAiSeries_forOtherAgents() {
    metrics.completed(
        "http",
        new AgentRequest("brief", "fetch", JsonNodeFactory.instance.objectNode(), "k", null),
        AgentResult.of(JsonNodeFactory.instance.objectNode(), new Usage(null, 0, 0, 0.5, false)),
        Duration.ofMillis(5));

    assertThat(labels(MetricNames.AGENT_COST, MetricNames.MODEL)).containsExactly("none");
    assertThat(registry.get(MetricNames.AGENT_COST).counter().count()).isEqualTo(0.5);
    assertThat(registry.find(MetricNames.GEN_AI_TOKEN_USAGE).summaries()).isEmpty();
    assertThat(registry.find(MetricNames.PRICING_UNKNOWN_MODEL).counters()).isEmpty();
  }

  @Test
  void completed_countsAModelWithoutAPrice_asPricingUnknown() {
    call(null, new Usage("sim-small", 1, 1, 0, false));

    assertThat(registry.get(MetricNames.PRICING_UNKNOWN_MODEL).counter().count()).isEqualTo(1);
  }

  @Test
  void reported_countsCostAndTokens_onlyForUsageThatConsumedSomething() {
    metrics.reported("leads", "score-lead", new Usage("sim-small", 3, 4, 0.5, false));
    metrics.reported("leads", "score-lead", new Usage("sim-small", 0, 0, 0, false));
    metrics.reported("leads", "score-lead", null);

    assertThat(registry.get(MetricNames.AGENT_COST).counter().count()).isEqualTo(0.5);
    assertThat(labels(MetricNames.AGENT_COST, MetricNames.MODEL)).containsExactly("sim-small");
    assertThat(tokens("input")).isEqualTo(3);
    assertThat(tokens("output")).isEqualTo(4);
    assertThat(registry.find(MetricNames.GEN_AI_TOKEN_USAGE).summaries()).isEmpty();
  }

  private double tokens(String type) {
    return registry
        .get(MetricNames.AGENT_TOKENS)
        .tags(MetricNames.TOKEN_TYPE, type)
        .counter()
        .count();
  }

  private DistributionSummary genAiTokens(String type) {
    return registry
        .get(MetricNames.GEN_AI_TOKEN_USAGE)
        .tags(MetricNames.GEN_AI_TOKEN_TYPE, type)
        .summary();
  }

  private void call(String requestedModel, Usage usage) {
    ObjectNode with = JsonNodeFactory.instance.objectNode();
    if (requestedModel != null) {
      with.put("model", requestedModel);
    }
    metrics.completed(
        "llm",
        new AgentRequest("brief", "draft", with, "run-1/draft", null),
        AgentResult.of(JsonNodeFactory.instance.objectNode(), usage),
        Duration.ofMillis(5));
  }

  private Set<String> labels(String meter, String tag) {
    return registry.getMeters().stream()
        .map(Meter::getId)
        .filter(id -> id.getName().equals(meter))
        .map(id -> id.getTag(tag))
        .collect(Collectors.toSet());
  }

  private static AgentsConfiguration configured() {
    AgentsConfiguration config = new AgentsConfiguration();
    config.setLlm(
        new AgentsConfiguration.Llm(
            Map.of(
                "mine", new AgentsConfiguration.Provider("http://llm.invalid", null, "my-default")),
            null,
            null,
            null));
    return config;
  }

  private static PriceTable prices() {
    return PriceTable.loadDefault();
  }
}
