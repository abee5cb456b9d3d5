package dev.agenthub.cluster;

import static dev.agenthub.system.ApiTestClient.OPERATOR;
import static dev.agenthub.system.ApiTestClient.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.api.ApiConfiguration;
import dev.agenthub.devkit.AgentHubMain;
import dev.agenthub.devkit.DevCommand;
import dev.agenthub.devkit.DevServer;
import dev.agenthub.devkit.TemporalCliServer;
import dev.agenthub.system.ApiTestClient;
import dev.agenthub.system.ApiTestClient.Reply;
import dev.agenthub.telemetry.Telemetry;
import dev.agenthub.testing.Poll;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleState;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pipeline schedules on the real server (the CLI dev server): created from a definition when the
 * API loads it, triggered into a run that lists like any other, paused through the API, and
 * reconciled on the next load: a schedule removed from the definition is deleted, a user's own
 * schedule (even one with our id prefix but without our memo) is left alone, and an operator's
 * pause survives.
 */
class SchedulesIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private static final String TICK =
      """
      name: tick
      input:
        type: object
        properties:
          topic: {type: string}
          loud: {type: boolean, default: false}
      steps:
        - id: say
          agent: transform
          with:
            expression: '{"topic": input.topic, "loud": input.loud}'
      output: ${{ steps.say.output }}
      schedules:
        - {id: hourly, every: 1h, input: {topic: scheduled}}
      """;
  private static final String NIGHTLY =
      """
        - {id: nightly, cron: "0 3 * * *", input: {topic: night}, paused: true}
      """;

  @TempDir static Path pipelines;

  private static TemporalCliServer temporal;
  private static WorkflowServiceStubs stubs;
  private static ScheduleClient schedules;
  private static DropwizardTestSupport<ApiConfiguration> app;
  private static ApiTestClient api;

  @BeforeAll
  static void start() throws Exception {
    temporal = TemporalCli.server("schedules");
    temporal.start();
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + temporal.port())
                .build());
    schedules =
        ScheduleClient.newInstance(
            stubs, ScheduleClientOptions.newBuilder().setNamespace("default").build());
    createUserSchedule("agenthub.tick.users-own");
    createUserSchedule("nightly-backup");
    Files.writeString(pipelines.resolve("tick.yml"), TICK + NIGHTLY);
    startApp();
  }

  private static void startApp() throws Exception {
    app =
        new DropwizardTestSupport<>(
            AgentHubMain.class,
            ResourceHelpers.resourceFilePath("api-cli-it.yml"),
            (String) null,
            application -> new DevCommand(System.out, Telemetry::start, DevServer.NONE),
            ConfigOverride.config("temporal.target", "127.0.0.1:" + temporal.port()),
            ConfigOverride.config("pipelinesDir", pipelines.toString()));
    app.before();
    api = new ApiTestClient(app.getLocalPort());
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.after();
    }
    if (stubs != null) {
      stubs.shutdownNow();
    }
    if (temporal != null) {
      temporal.close();
    }
  }

  /** A schedule a user made with the Temporal CLI or SDK: no memo of ours. */
  private static void createUserSchedule(String id) {
    schedules.createSchedule(
        id,
        Schedule.newBuilder()
            .setAction(
                ScheduleActionStartWorkflow.newBuilder()
                    .setWorkflowType("UsersOwnWorkflow")
                    .setOptions(
                        WorkflowOptions.newBuilder()
                            .setWorkflowId("users-own")
                            .setTaskQueue("users-own")
                            .build())
                    .build())
            .setSpec(
                ScheduleSpec.newBuilder()
                    .setIntervals(List.of(new ScheduleIntervalSpec(Duration.ofDays(1))))
                    .build())
            .setState(ScheduleState.newBuilder().setPaused(true).build())
            .build(),
        ScheduleOptions.newBuilder().build());
  }

  private static boolean exists(String id) {
    try {
      schedules.getHandle(id).describe();
      return true;
    } catch (RuntimeException e) {
      for (Throwable at = e; at != null; at = at.getCause()) {
        if (at instanceof StatusRuntimeException grpc
            && grpc.getStatus().getCode() == Status.Code.NOT_FOUND) {
          return false;
        }
      }
      throw e;
    }
  }

  private static JsonNode schedule(JsonNode page, String id) {
    for (JsonNode schedule : page.path("schedules")) {
      if (schedule.path("id").asText().equals(id)) {
        return schedule;
      }
    }
    return null;
  }

  private static JsonNode awaitSchedules(Map<String, String> states) {
    return api.await(
        "/api/v1/schedules",
        page ->
            states.entrySet().stream()
                .allMatch(
                    e -> {
                      JsonNode schedule = schedule(page, e.getKey());
                      return schedule != null
                          && schedule.path("state").asText().equals(e.getValue());
                    }),
        WAIT);
  }

  @Test
  void definitionSchedules_becomeTemporalSchedules_triggerPauseAndReconcile() throws Exception {
    JsonNode page =
        awaitSchedules(Map.of("agenthub.tick.hourly", "active", "agenthub.tick.nightly", "paused"));
    JsonNode hourly = schedule(page, "agenthub.tick.hourly");
    assertThat(hourly.path("pipeline").asText()).isEqualTo("tick");
    assertThat(hourly.path("every").asText()).isEqualTo("1h");
    assertThat(hourly.path("overlap").asText()).isEqualTo("skip");
    assertThat(hourly.path("nextRunTimes")).isNotEmpty();
    assertThat(schedule(page, "agenthub.tick.nightly").path("note").asText())
        .isEqualTo("paused in the pipeline definition");
    assertThat(schedule(page, "agenthub.tick.users-own"))
        .as("users' schedules are not listed")
        .isNull();

    // Trigger now: the run is a pipeline run like any other, in the filtered listing too.
    Reply triggered = api.post("/api/v1/schedules/agenthub.tick.hourly/trigger", OPERATOR, null);
    assertThat(triggered.status()).as(triggered.raw().body()).isEqualTo(202);
    JsonNode listed =
        api.await(
            "/api/v1/runs?pipeline=tick&status=succeeded",
            runs -> runs.path("runs").size() == 1,
            WAIT);
    String workflowId = listed.path("runs").get(0).path("workflowId").asText();
    assertThat(workflowId).startsWith("tick-scheduled-hourly-");
    JsonNode run = api.get("/api/v1/runs/" + workflowId, VIEWER).body();
    assertThat(run.path("pipeline").asText()).isEqualTo("tick");
    assertThat(run.path("output").path("topic").asText()).isEqualTo("scheduled");
    assertThat(run.path("output").path("loud").asBoolean(true))
        .as("the schema's defaults apply as on an API start")
        .isFalse();
    api.await(
        "/api/v1/schedules",
        p ->
            schedule(p, "agenthub.tick.hourly")
                .path("recentRuns")
                .findValuesAsText("workflowId")
                .contains(workflowId),
        WAIT);

    // Pause through the API; a viewer may not.
    assertThat(api.post("/api/v1/schedules/agenthub.tick.hourly/pause", VIEWER, null).status())
        .isEqualTo(403);
    Reply paused = api.post("/api/v1/schedules/agenthub.tick.hourly/pause", OPERATOR, null);
    assertThat(paused.status()).as(paused.raw().body()).isEqualTo(200);
    assertThat(paused.body().path("state").asText()).isEqualTo("paused");
    assertThat(paused.body().path("note").asText()).isEqualTo("paused through the API by olga");

    // The definition drops nightly; the next load deletes it, keeps the users' schedules, and
    // keeps the operator's pause of hourly.
    app.after();
    Files.writeString(pipelines.resolve("tick.yml"), TICK);
    startApp();
    Poll.untilTrue("nightly deleted", WAIT, () -> !exists("agenthub.tick.nightly"));
    assertThat(exists("agenthub.tick.users-own")).isTrue();
    assertThat(exists("nightly-backup")).isTrue();
    JsonNode after = api.get("/api/v1/schedules", VIEWER).body();
    assertThat(after.path("schedules").findValuesAsText("id"))
        .containsExactly("agenthub.tick.hourly");
    assertThat(schedule(after, "agenthub.tick.hourly").path("state").asText()).isEqualTo("paused");

    Reply unpaused = api.post("/api/v1/schedules/agenthub.tick.hourly/unpause", OPERATOR, null);
    assertThat(unpaused.body().path("state").asText()).isEqualTo("active");
  }

  @Test
  void scheduleRoutes_onlyReachTheDefinitionsSchedules() {
    Reply users = api.post("/api/v1/schedules/agenthub.tick.users-own/pause", OPERATOR, null);
    assertThat(users.status()).isEqualTo(404);
    assertThat(users.errorCode()).isEqualTo("schedule_not_found");
    Reply other = api.post("/api/v1/schedules/nightly-backup/trigger", OPERATOR, null);
    assertThat(other.status()).isEqualTo(400);
    assertThat(other.errorCode()).isEqualTo("invalid_schedule_id");
    assertThat(exists("agenthub.tick.users-own")).isTrue();
    assertThat(exists("nightly-backup")).isTrue();
  }
}
