package dev.agenthub.api.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.cost.PriceTable;
import dev.agenthub.devkit.LocalTemporal;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.PipelineLoader;
import dev.agenthub.run.PipelineRunInput;
import dev.agenthub.system.DevConfigurations;
import dev.agenthub.system.TestPorts;
import dev.agenthub.telemetry.Telemetry;
import dev.agenthub.temporal.TemporalSettings;
import dev.agenthub.testing.Poll;
import dev.agenthub.worker.WorkerSettings;
import io.dropwizard.jackson.Jackson;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs of {@code pipeline:} steps through {@link TemporalRunService} on the embedded Temporal
 * server and an in-process worker: the child definitions snapshotted at start, and the run views of
 * parent and children linked both ways.
 */
class ChildRunsIT {

  private static final ObjectMapper JSON = Jackson.newObjectMapper();
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private static final PipelineDefinition CHILD =
      pipeline(
          """
          name: family-child
          steps:
            - id: shout
              agent: transform
              with: {expression: "input.word.upperAscii()"}
          output: {word: "${{ steps.shout.output }}"}
          """);

  private static final PipelineDefinition PARENT =
      pipeline(
          """
          name: family-parent
          steps:
            - id: each
              forEach: input.words
              pipeline: family-child
              with: {word: "${{ item }}"}
          output: {words: "${{ steps.each.output.map(o, o.word) }}"}
          """);

  private static LocalTemporal engine;
  private static TemporalRunService runs;

  @BeforeAll
  static void startTemporal() {
    TemporalSettings settings =
        TemporalSettings.defaults().withTarget("127.0.0.1:" + TestPorts.free());
    engine =
        LocalTemporal.start(
            DevConfigurations.of(settings, WorkerSettings.defaults()),
            true,
            Telemetry.withoutTracing("test"));
    runs =
        new TemporalRunService(
            engine.client(),
            settings.taskQueue(),
            Listing.SCAN,
            PriceTable.loadDefault(),
            new CompositeMeterRegistry(),
            AgentCatalog.builtIn(),
            Runnable::run,
            PipelineRunInput.DEFAULT_MAX_FOR_EACH_ITEMS,
            pipeline ->
                pipeline.name().equals("family-parent") ? Map.of("family-child", CHILD) : Map.of());
  }

  @AfterAll
  static void stopTemporal() {
    engine.close();
  }

  private static PipelineDefinition pipeline(String yaml) {
    return PipelineLoader.parse(yaml, "test.yml", AgentCatalog.builtIn());
  }

  private static RunView awaitSucceeded(String workflowId) {
    return Poll.until(
        "run " + workflowId + " to succeed",
        DEADLINE,
        () -> runs.describe(workflowId),
        view -> "succeeded".equals(view.status()));
  }

  @Test
  void pipelineStepsUnderForEach_runChildren_linkedBothWaysInTheRunViews() throws Exception {
    RunStarted started =
        runs.start(
            PARENT, JSON.readTree("{\"words\": [\"map\", \"reduce\"]}"), "family-1", null, null);

    RunView parent = awaitSucceeded(started.workflowId());

    assertThat(parent.output()).isEqualTo(JSON.readTree("{\"words\": [\"MAP\", \"REDUCE\"]}"));
    assertThat(parent.parent()).isNull();
    assertThat(parent.children()).containsExactly("family-1/each[0]", "family-1/each[1]");
    RunView child = awaitSucceeded("family-1/each[1]");
    assertThat(child.parent()).isEqualTo("family-1");
    assertThat(child.pipeline()).isEqualTo("family-child");
    assertThat(child.children()).isEmpty();
    assertThat(child.output()).isEqualTo(JSON.readTree("{\"word\": \"REDUCE\"}"));
    assertThat(JSON.valueToTree(child).has("children")).isFalse();
    assertThat(JSON.valueToTree(parent).path("children").size()).isEqualTo(2);
    assertThat(List.of(parent.steps().get(0).kind())).containsExactly("pipeline:family-child");
  }
}
