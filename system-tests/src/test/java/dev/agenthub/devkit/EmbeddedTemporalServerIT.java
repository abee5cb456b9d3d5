package dev.agenthub.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.api.runs.RunStarter;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.PipelineLoader;
import dev.agenthub.run.PipelineRunInput;
import dev.agenthub.run.PipelineRunResult;
import dev.agenthub.system.DevConfigurations;
import dev.agenthub.system.TestPorts;
import dev.agenthub.telemetry.Telemetry;
import dev.agenthub.temporal.TemporalSettings;
import dev.agenthub.worker.WorkerSettings;
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

    try (LocalTemporal engine =
        LocalTemporal.start(
            DevConfigurations.of(settings, WorkerSettings.defaults()),
            true,
            Telemetry.withoutTracing("test"))) {
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
