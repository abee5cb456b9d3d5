package dev.agenthub.api.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.api.TestPorts;
import dev.agenthub.api.core.Engine;
import dev.agenthub.api.core.RunStarter;
import dev.agenthub.shared.agents.AgentCatalog;
import dev.agenthub.shared.pipeline.PipelineDefinition;
import dev.agenthub.shared.pipeline.PipelineLoader;
import dev.agenthub.shared.telemetry.Telemetry;
import dev.agenthub.shared.temporal.TemporalSettings;
import dev.agenthub.shared.workflow.PipelineRunInput;
import dev.agenthub.shared.workflow.PipelineRunResult;
import dev.agenthub.workers.WorkerSettings;
import dev.agenthub.workers.agents.AgentsConfiguration;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The embedded server that {@code dev} and {@code run} start behaves like a real one in time. */
class EmbeddedTemporalServerIT {

  @Test
  void timersFireInRealTime_notSkipped() throws Exception {
    PipelineDefinition pipeline =
        PipelineLoader.parse(
            """
            name: wait
            steps:
              - id: pause
                type: sleep
                with: {duration: 2s}
            """,
            "wait.yml",
            AgentCatalog.builtIn());
    TemporalSettings settings =
        TemporalSettings.defaults().withTarget("127.0.0.1:" + TestPorts.free());

    try (Engine engine =
        new Engine(
            settings,
            WorkerSettings.defaults(),
            new AgentsConfiguration(),
            new EmbeddedTemporalServer(Engine.portOf(settings.target())),
            true,
            Telemetry.withoutTracing("test"))) {
      engine.start();
      long started = System.nanoTime();
      new RunStarter(engine.client(), settings.taskQueue())
          .start("wait-1", PipelineRunInput.of(pipeline, new ObjectMapper().createObjectNode()));
      PipelineRunResult result =
          WorkflowStub.fromTyped(
                  new RunStarter(engine.client(), settings.taskQueue()).existing("wait-1"))
              .getResult(PipelineRunResult.class);

      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
      assertThat(result.steps().get(0).output().path("slept").asText()).isEqualTo("2s");
    }
  }
}
