package dev.agenthub.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {

  @Test
  void ourMeters_getHelpText_whenRegisteredWithoutOne() {
    PrometheusMeterRegistry registry = Metrics.newRegistry(null, true);
    registry.counter(MetricNames.AGENT_COST, MetricNames.PIPELINE, "p").increment(0.5);

    String scrape = registry.scrape();

    assertThat(scrape)
        .contains(
            "# HELP agenthub_agent_cost_usd_total Spend of agent calls in US dollars, from the"
                + " run's price snapshot.")
        .contains("agenthub_agent_cost_usd_total{pipeline=\"p\"} 0.5");
  }

  @Test
  void everyAgentHubMeterName_hasHelpText() throws IllegalAccessException {
    List<String> names = new ArrayList<>();
    for (Field field : MetricNames.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers())
          && field.get(null) instanceof String value
          && value.startsWith("agenthub_")) {
        names.add(value);
      }
    }

    assertThat(names).hasSizeGreaterThan(5);
    assertThat(MetricNames.DESCRIPTIONS).containsOnlyKeys(names);
  }
}
