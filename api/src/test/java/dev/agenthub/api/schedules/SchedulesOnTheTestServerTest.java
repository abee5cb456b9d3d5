package dev.agenthub.api.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.api.errors.ApiException;
import dev.agenthub.api.runs.RunStarter;
import dev.agenthub.dsl.PipelineCatalog;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SDK's test server (what {@code agenthub dev} embeds) has no schedules: a clear 501. */
class SchedulesOnTheTestServerTest {

  @TempDir Path pipelines;

  private TestWorkflowEnvironment temporal;
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

  @BeforeEach
  void start() {
    temporal = TestWorkflowEnvironment.newInstance();
  }

  @AfterEach
  void stop() {
    executor.shutdownNow();
    temporal.close();
  }

  private ScheduleReconciliation reconciliation(String... files) throws IOException {
    for (int i = 0; i < files.length; i++) {
      Files.writeString(pipelines.resolve("p" + i + ".yml"), files[i]);
    }
    PipelineCatalog catalog = PipelineCatalog.loadDirectory(pipelines, AgentCatalog.builtIn());
    assertThat(catalog.invalid()).isEmpty();
    return ScheduleReconciliation.create(
        catalog,
        temporal.getWorkflowClient(),
        new RunStarter(temporal.getWorkflowClient(), "q"),
        false,
        executor);
  }

  private static void assertNotImplemented(ApiException e) {
    assertThat(e).isNotNull();
    assertThat(e.status()).isEqualTo(501);
    assertThat(e.code()).isEqualTo("schedules_unsupported");
    assertThat(e.getMessage()).contains("--server=temporal-cli");
  }

  @Test
  void list_withDeclaredSchedules_answers501NamingTemporalCli() throws IOException {
    Schedules schedules =
        reconciliation(
                """
                name: tick
                steps: [{id: a, agent: transform, with: {expression: '1'}}]
                schedules: [{id: hourly, every: 1h}]
                """)
            .schedules();

    assertNotImplemented(catchThrowableOfType(ApiException.class, schedules::list));
    assertNotImplemented(
        catchThrowableOfType(ApiException.class, () -> schedules.trigger("agenthub.tick.hourly")));
  }

  @Test
  void list_afterReconciliationFoundNoSchedules_answers501_evenWithNoneDeclared()
      throws IOException {
    ScheduleReconciliation reconciliation =
        reconciliation(
            """
            name: plain
            steps: [{id: a, agent: transform, with: {expression: '1'}}]
            """);
    assertThat(reconciliation.schedules().list()).isEmpty();

    reconciliation.attempt();

    assertNotImplemented(
        catchThrowableOfType(ApiException.class, () -> reconciliation.schedules().list()));
  }
}
