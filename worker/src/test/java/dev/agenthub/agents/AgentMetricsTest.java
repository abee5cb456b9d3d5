package dev.agenthub.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.cost.PriceTable;
import dev.agenthub.cost.Usage;
import dev.agenthub.telemetry.MetricNames;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
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
  void agentLoopEnded_recordsTheTurnsAsAHistogramByPipelineAndStep() {
    metrics.agentLoopEnded("research-agent", "research", 2);
    metrics.agentLoopEnded("research-agent", "research", 5);

    var turns =
        registry
            .get(MetricNames.AGENT_LOOP_TURNS)
            .tags(MetricNames.PIPELINE, "research-agent", MetricNames.STEP, "research")
            .summary();
    assertThat(turns.count()).isEqualTo(2);
    assertThat(turns.totalAmount()).isEqualTo(7);
    assertThat(turns.takeSnapshot().histogramCounts()).isNotEmpty();
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
