package dev.agenthub.devkit;

import static dev.agenthub.system.ApiTestClient.ADMIN;
import static dev.agenthub.system.ApiTestClient.OPERATOR;
import static dev.agenthub.system.ApiTestClient.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.api.ApiConfiguration;
import dev.agenthub.devkit.AgentHubProgram.Outcome;
import dev.agenthub.system.ApiTestClient;
import dev.agenthub.system.DevApps;
import dev.agenthub.system.TestPorts;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator commands ({@code runs ...}, {@code pipelines list|show}) against the whole dev app
 * (embedded Temporal, worker, API) over real HTTP: tables, JSON, exit codes and the API's messages.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class OperatorCommandsIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  static final DropwizardAppExtension<ApiConfiguration> APP =
      new DropwizardAppExtension<>(DevApps.support(ResourceHelpers.resourceFilePath("api-it.yml")));

  private static ApiTestClient api;
  private static String url;

  @BeforeAll
  static void connect() {
    api = new ApiTestClient(APP.getLocalPort());
    url = "http://127.0.0.1:" + APP.getLocalPort();
  }

  /** {@code agenthub args... --url <app> --key key}. */
  private static Outcome agenthub(String key, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--url", url, "--key", key));
    return AgentHubProgram.run(all.toArray(String[]::new));
  }

  private static String start(String pipeline, String input) {
    ApiTestClient.Reply started =
        api.post("/api/v1/pipelines/" + pipeline + "/runs", OPERATOR, "{\"input\": " + input + "}");
    assertThat(started.status()).isEqualTo(201);
    return started.body().path("workflowId").asText();
  }

  private static JsonNode awaitStatus(String id, String status) {
    return api.await("/api/v1/runs/" + id, run -> run.path("status").asText().equals(status), WAIT);
  }

  /** A run of fetch-chain whose http step fails at once (nothing listens on the port). */
  private static String failingRun() {
    return start("fetch-chain", "{\"url\": \"http://127.0.0.1:" + TestPorts.free() + "/down\"}");
  }

  @Test
  void runsShow_ofASucceededRun_printsAStepTable_andExitsZero() {
    String id = start("quick", "{}");
    awaitStatus(id, "succeeded");

    Outcome shown = agenthub(VIEWER, "runs", "show", id);

    assertThat(shown.exitCode()).as(shown.err()).isZero();
    assertThat(shown.out())
        .contains("Run " + id + " of pipeline quick")
        .containsPattern("STEP\\s+KIND\\s+STATUS\\s+ATTEMPTS\\s+DURATION\\s+COST\\s+DETAIL")
        .containsPattern("only\\s+transform\\s+succeeded\\s+1\\s+\\d+\\.\\ds")
        .contains("Tokens: 0 input, 0 output. Cost: $0.000000");
  }

  @Test
  void runsShow_withJson_printsTheApisView() throws Exception {
    String id = start("quick", "{}");
    awaitStatus(id, "succeeded");

    Outcome shown = agenthub(VIEWER, "runs", "show", id, "--json");

    JsonNode view = JSON.readTree(shown.out());
    assertThat(shown.exitCode()).isZero();
    assertThat(view.path("workflowId").asText()).isEqualTo(id);
    assertThat(view.path("status").asText()).isEqualTo("succeeded");
    assertThat(view.at("/links/self").asText()).isEqualTo("/api/v1/runs/" + id);
  }

  @Test
  void runsShow_ofAFailedRun_printsTheFailure_andExitsOne() {
    String id = failingRun();
    awaitStatus(id, "failed");

    Outcome shown = agenthub(VIEWER, "runs", "show", id);

    assertThat(shown.exitCode()).isEqualTo(1);
    assertThat(shown.out())
        .containsPattern("prepare\\s+transform\\s+succeeded")
        .containsPattern("call\\s+http\\s+failed")
        .contains("Failure: StepFailed in step call");
    assertThat(shown.err()).startsWith("Run failed: ");
  }

  @Test
  void runsFollow_printsStepsAsTheySettle_untilAnApprovalLetsTheRunFinish() throws Exception {
    String id = start("review", "{\"subject\": \"launch\"}");
    CompletableFuture<Outcome> following =
        CompletableFuture.supplyAsync(() -> agenthub(VIEWER, "runs", "follow", id));
    awaitStepStatus(id, "approve", "waiting_approval");

    Outcome approved = agenthub(OPERATOR, "runs", "approve", id, "approve", "--comment", "ok");
    Outcome followed = following.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(approved.exitCode()).as(approved.err()).isZero();
    assertThat(approved.out()).isEqualTo("Approved step approve of run " + id + ".\n");
    assertThat(followed.exitCode()).as(followed.err()).isZero();
    assertThat(followed.out())
        .contains("Run " + id + " of pipeline review")
        .containsPattern("succeeded\\s+draft\\s+llm\\s+1 attempt")
        .containsPattern(
            "waiting\\s+approve\\s+waits for a decision: agenthub runs approve\\|reject "
                + id
                + " approve")
        .containsPattern("succeeded\\s+publish\\s+transform")
        .containsPattern("Tokens: [1-9]\\d* input")
        .endsWith("Run succeeded.\n");
  }

  private static void awaitStepStatus(String id, String step, String status) {
    api.await(
        "/api/v1/runs/" + id,
        run -> {
          for (JsonNode s : run.path("steps")) {
            if (s.path("id").asText().equals(step)) {
              return s.path("status").asText().equals(status);
            }
          }
          return false;
        },
        WAIT);
  }

  @Test
  void runsFollow_ofAFailingRun_exitsOne_withTheFailure() {
    String id = failingRun();

    Outcome followed = agenthub(VIEWER, "runs", "follow", id);

    assertThat(followed.exitCode()).isEqualTo(1);
    assertThat(followed.out()).containsPattern("failed\\s+call\\s+http");
    assertThat(followed.err()).startsWith("Run failed: ");
  }

  @Test
  void runsList_filtersByPipeline_asATableAndAsJson() throws Exception {
    String id = start("quick", "{}");
    awaitStatus(id, "succeeded");

    Outcome table = agenthub(VIEWER, "runs", "list", "--pipeline", "quick", "--limit", "100");
    Outcome json = agenthub(VIEWER, "runs", "list", "--pipeline", "quick", "--json");

    assertThat(table.exitCode()).as(table.err()).isZero();
    assertThat(table.out())
        .containsPattern("ID\\s+PIPELINE\\s+STATUS\\s+STARTED\\s+DURATION")
        .containsPattern(id + "\\s+quick\\s+succeeded")
        .doesNotContain("review-", "fetch-chain-");
    assertThat(JSON.readTree(json.out()).path("runs").findValuesAsText("pipeline"))
        .isNotEmpty()
        .containsOnly("quick");
  }

  @Test
  void runsHistory_printsEventsInWords() {
    String id = start("quick", "{}");
    awaitStatus(id, "succeeded");

    Outcome history = agenthub(VIEWER, "runs", "history", id);

    assertThat(history.exitCode()).isZero();
    assertThat(history.out())
        .containsPattern("EVENT\\s+TIME\\s+TYPE\\s+STEP\\s+AGENT\\s+ATTEMPT\\s+FAILURE")
        .containsPattern("ACTIVITY_TASK_SCHEDULED\\s+only\\s+transform")
        .contains("WORKFLOW_EXECUTION_COMPLETED");
  }

  @Test
  void runsRetry_ofAFailedRun_startsTheRetry_andRerunStartsAFreshRun() {
    String id = failingRun();
    awaitStatus(id, "failed");

    Outcome retried = agenthub(OPERATOR, "runs", "retry", id);
    Outcome rerun = agenthub(OPERATOR, "runs", "rerun", id, "--json");

    assertThat(retried.exitCode()).as(retried.err()).isZero();
    assertThat(retried.out())
        .startsWith("Run " + id + ".retry")
        .contains("(retry of " + id + ")")
        .contains("agenthub runs follow " + id + ".retry");
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(rerun.out()).contains("\"workflowId\"").contains("\"pipeline\" : \"fetch-chain\"");
  }

  @Test
  void runsCancelAndTerminate_closeRunningRuns() {
    String cancelled = start("review", "{\"subject\": \"a\"}");
    String terminated = start("review", "{\"subject\": \"b\"}");

    Outcome cancel = agenthub(OPERATOR, "runs", "cancel", cancelled);
    Outcome terminate = agenthub(ADMIN, "runs", "terminate", terminated, "--reason", "test");

    assertThat(cancel.exitCode()).as(cancel.err()).isZero();
    assertThat(cancel.out()).isEqualTo("Cancelling run " + cancelled + ".\n");
    assertThat(terminate.exitCode()).as(terminate.err()).isZero();
    awaitStatus(cancelled, "cancelled");
    awaitStatus(terminated, "terminated");
    assertThat(agenthub(VIEWER, "runs", "show", terminated).exitCode()).isEqualTo(1);
  }

  @Test
  void runsShow_ofAnUnknownRun_exitsThree_withTheApisMessage() {
    Outcome shown = agenthub(VIEWER, "runs", "show", "quick-nosuchrun");

    assertThat(shown.exitCode()).isEqualTo(3);
    assertThat(shown.err())
        .isEqualTo(
            api.get("/api/v1/runs/quick-nosuchrun", VIEWER).body().at("/error/message").asText()
                + "\n");
    assertThat(shown.out()).isEmpty();
  }

  @Test
  void aBadKey_exitsFour_withTheApisMessage() {
    Outcome listed = agenthub("not-a-key", "runs", "list");

    assertThat(listed.exitCode()).isEqualTo(4);
    assertThat(listed.err())
        .isEqualTo(
            api.get("/api/v1/runs", "not-a-key").body().at("/error/message").asText() + "\n");
  }

  @Test
  void aViewerKey_cannotApprove_andExitsFour() {
    String id = start("quick", "{}");

    Outcome approved = agenthub(VIEWER, "runs", "approve", id, "only");

    assertThat(approved.exitCode()).isEqualTo(4);
    assertThat(approved.err()).isNotBlank().doesNotContain("Exception");
  }

  @Test
  void usageErrors_exitTwo_withoutCallingTheApi() {
    Outcome noReason = agenthub(ADMIN, "runs", "terminate", "quick-x");
    Outcome unknown = AgentHubProgram.run("runs", "launch");

    assertThat(noReason.exitCode()).isEqualTo(2);
    assertThat(noReason.err()).contains("argument --reason is required");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("invalid choice: 'launch'");
  }

  @Test
  void pipelinesListAndShow_printWhatTheApiServes() throws Exception {
    Outcome list = agenthub(VIEWER, "pipelines", "list");
    Outcome show = agenthub(VIEWER, "pipelines", "show", "review");
    Outcome json = agenthub(VIEWER, "pipelines", "show", "review", "--json");
    Outcome missing = agenthub(VIEWER, "pipelines", "show", "nope");

    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out())
        .containsPattern("NAME\\s+VERSION\\s+STEPS\\s+DESCRIPTION")
        .containsPattern("review\\s+\\S+\\s+3")
        .containsPattern("quick\\s+\\S+\\s+1");
    assertThat(show.out())
        .startsWith("Pipeline review")
        .contains("Budget: $0.1")
        .containsPattern("approve\\s+approval\\s+draft")
        .containsPattern("publish\\s+transform\\s+approve");
    assertThat(JSON.readTree(json.out()).path("steps").size()).isEqualTo(3);
    assertThat(missing.exitCode()).isEqualTo(3);
    assertThat(missing.err()).isEqualTo("no valid pipeline named \"nope\"\n");
  }
}
