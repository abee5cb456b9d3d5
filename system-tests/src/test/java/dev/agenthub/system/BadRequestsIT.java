package dev.agenthub.system;

import static dev.agenthub.system.ApiTestClient.ADMIN;
import static dev.agenthub.system.ApiTestClient.OPERATOR;
import static dev.agenthub.system.ApiTestClient.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.api.ApiConfiguration;
import dev.agenthub.system.ApiTestClient.Reply;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A table of bad requests against the whole application over real HTTP: each gets its status and a
 * JSON error with a stable code, never a stack trace.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class BadRequestsIT {

  static final DropwizardAppExtension<ApiConfiguration> APP =
      new DropwizardAppExtension<>(DevApps.support(ResourceHelpers.resourceFilePath("api-it.yml")));

  private static ApiTestClient api;
  private static final String RUNNING = "bad-requests-running";
  private static final String DONE = "bad-requests-done";

  @BeforeAll
  static void runs() {
    api = new ApiTestClient(APP.getLocalPort());
    api.post(
        "/api/v1/pipelines/review/runs",
        OPERATOR,
        "{\"workflowId\": \"" + RUNNING + "\", \"input\": {\"subject\": \"x\"}}");
    api.post("/api/v1/pipelines/quick/runs", OPERATOR, "{\"workflowId\": \"" + DONE + "\"}");
    api.await(
        "/api/v1/runs/" + DONE,
        run -> run.path("status").asText().equals("succeeded"),
        Duration.ofSeconds(30));
    api.await(
        "/api/v1/runs/" + RUNNING,
        run -> run.path("steps").findValuesAsText("status").contains("waiting_approval"),
        Duration.ofSeconds(30));
  }

  private static Arguments bad(
      String name, int status, String code, Function<ApiTestClient, Reply> request) {
    return Arguments.of(name, status, code, request);
  }

  private static Function<ApiTestClient, Reply> startRaw(String contentType, String body) {
    return c ->
        c.send(
            c.builder("/api/v1/pipelines/review/runs", OPERATOR)
                .header("Content-Type", contentType)
                .POST(BodyPublishers.ofString(body))
                .build());
  }

  private static Function<ApiTestClient, Reply> start(String pipeline, String body) {
    return c -> c.post("/api/v1/pipelines/" + pipeline + "/runs", OPERATOR, body);
  }

  static Stream<Arguments> table() {
    String valid = "{\"input\": {\"subject\": \"x\"}}";
    return Stream.of(
        bad("malformed JSON", 400, "malformed_json", startRaw("application/json", "{\"input\": ")),
        bad(
            "JSON of the wrong shape",
            400,
            "malformed_json",
            startRaw("application/json", "[1, 2]")),
        bad("wrong content type", 415, "unsupported_media_type", startRaw("text/plain", valid)),
        bad("unknown pipeline", 404, "pipeline_not_found", start("nope", valid)),
        bad(
            "input missing a required field",
            400,
            "invalid_input",
            start("review", "{\"input\": {}}")),
        bad(
            "input of the wrong type",
            400,
            "invalid_input",
            start("review", "{\"input\": {\"subject\": 5}}")),
        bad("input not an object", 400, "invalid_input", start("review", "{\"input\": \"text\"}")),
        bad(
            "workflowId with a space",
            400,
            "invalid_workflow_id",
            start("review", "{\"workflowId\": \"a b\", \"input\": {\"subject\": \"x\"}}")),
        bad(
            "workflowId too long",
            400,
            "invalid_workflow_id",
            start(
                "review",
                "{\"workflowId\": \"" + "a".repeat(201) + "\", \"input\": {\"subject\": \"x\"}}")),
        bad(
            "Idempotency-Key too long",
            400,
            "invalid_idempotency_key",
            c ->
                c.send(
                    c.builder("/api/v1/pipelines/review/runs", OPERATOR)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", "k".repeat(201))
                        .POST(BodyPublishers.ofString(valid))
                        .build())),
        bad(
            "budget above the pipeline's",
            422,
            "budget_above_pipeline",
            start("review", "{\"budgetUsd\": 5, \"input\": {\"subject\": \"x\"}}")),
        bad(
            "negative budget",
            422,
            "invalid_budget",
            start("review", "{\"budgetUsd\": -1, \"input\": {\"subject\": \"x\"}}")),
        bad(
            "workflowId already used",
            409,
            "run_exists",
            start(
                "review",
                "{\"workflowId\": \"" + RUNNING + "\", \"input\": {\"subject\": \"x\"}}")),
        bad("unknown run", 404, "run_not_found", c -> c.get("/api/v1/runs/no-such-run", VIEWER)),
        bad(
            "malformed run id",
            400,
            "invalid_workflow_id",
            c -> c.get("/api/v1/runs/bad%20id", VIEWER)),
        bad(
            "unknown status filter",
            400,
            "invalid_status",
            c -> c.get("/api/v1/runs?status=bogus", VIEWER)),
        bad("page size 0", 400, "invalid_page_size", c -> c.get("/api/v1/runs?pageSize=0", VIEWER)),
        bad(
            "page size not a number",
            400,
            "invalid_page_size",
            c -> c.get("/api/v1/runs?pageSize=ten", VIEWER)),
        bad(
            "garbage page token",
            400,
            "invalid_page_token",
            c -> c.get("/api/v1/runs?pageToken=garbage", VIEWER)),
        bad(
            "unknown history format",
            400,
            "invalid_format",
            c -> c.get("/api/v1/runs/" + DONE + "/history?format=xml", VIEWER)),
        bad(
            "cancel an unknown run",
            404,
            "run_not_found",
            c -> c.post("/api/v1/runs/no-such-run/cancel", OPERATOR, null)),
        bad(
            "cancel a finished run",
            409,
            "run_not_running",
            c -> c.post("/api/v1/runs/" + DONE + "/cancel", OPERATOR, null)),
        bad(
            "terminate without a reason",
            422,
            "reason_required",
            c -> c.post("/api/v1/runs/" + RUNNING + "/terminate", ADMIN, "{}")),
        bad(
            "terminate as an operator",
            403,
            "forbidden",
            c -> c.post("/api/v1/runs/" + RUNNING + "/terminate", OPERATOR, "{\"reason\": \"r\"}")),
        bad(
            "approve a step that is not waiting",
            409,
            "step_not_waiting",
            c -> c.post("/api/v1/runs/" + RUNNING + "/steps/draft/approve", OPERATOR, null)),
        bad(
            "approve an unknown step",
            404,
            "step_not_found",
            c -> c.post("/api/v1/runs/" + RUNNING + "/steps/nope/approve", OPERATOR, null)),
        bad(
            "approve on a finished run",
            409,
            "step_not_waiting",
            c -> c.post("/api/v1/runs/" + DONE + "/steps/only/approve", OPERATOR, null)),
        bad(
            "retry a running run",
            409,
            "run_not_retryable",
            c -> c.post("/api/v1/runs/" + RUNNING + "/retry", OPERATOR, null)),
        bad(
            "retry a succeeded run",
            409,
            "run_not_retryable",
            c -> c.post("/api/v1/runs/" + DONE + "/retry", OPERATOR, null)),
        bad(
            "wrong method",
            405,
            "method_not_allowed",
            c -> c.send(c.builder("/api/v1/runs", VIEWER).DELETE().build())),
        bad("unknown path", 404, "not_found", c -> c.get("/api/v1/nothing-here", VIEWER)),
        bad("TRACE", 405, "method_not_allowed", trace("/api/v1/runs")),
        bad(
            "encoded slash in a path segment",
            400,
            "bad_request",
            c -> c.get("/api/v1/runs/a%2Fb", VIEWER)),
        bad(
            "encoded .. path segment",
            400,
            "bad_request",
            c -> c.get("/api/v1/runs/%2E%2E/" + DONE, VIEWER)),
        bad("'..' above the root", 400, "bad_request", c -> c.get("/../api/v1/runs", VIEWER)),
        bad(
            "request headers over the limit",
            431,
            "request_header_fields_too_large",
            c ->
                c.send(
                    c.builder("/api/v1/runs", VIEWER)
                        .header("X-Padding", "x".repeat(64 * 1024))
                        .GET()
                        .build())),
        bad(
            "unknown field in the body",
            400,
            "unknown_field",
            start("review", "{\"inputs\": {\"subject\": \"x\"}}")),
        bad("no API key", 401, "unauthorized", c -> c.get("/api/v1/runs", null)),
        bad("wrong API key", 401, "unauthorized", c -> c.get("/api/v1/runs", "wrong")),
        bad(
            "API key in the query string",
            400,
            "api_key_in_query",
            c -> c.get("/api/v1/runs?access_token=" + VIEWER, null)));
  }

  private static Function<ApiTestClient, Reply> trace(String path) {
    return c -> c.send(c.builder(path, VIEWER).method("TRACE", BodyPublishers.noBody()).build());
  }

  @Test
  void trace_is405_withAllow_andNoEcho() {
    Reply reply = trace("/api/v1/runs").apply(api);

    assertThat(reply.status()).isEqualTo(405);
    assertThat(reply.raw().headers().firstValue("Allow"))
        .hasValueSatisfying(allow -> assertThat(allow).contains("GET").doesNotContain("TRACE"));
    assertThat(reply.body().at("/error/details/allowed").isArray()).isTrue();
    assertThat(reply.raw().body()).doesNotContain(VIEWER);
  }

  @Test
  void unknownBodyField_isNamed() {
    Reply reply =
        api.post(
            "/api/v1/pipelines/review/runs",
            OPERATOR,
            "{\"inputs\": {\"subject\": \"x\"}, \"workflowId\": \"bad-requests-inputs\"}");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body().at("/error/details/field").asText()).isEqualTo("inputs");
    assertThat(reply.body().at("/error/message").asText()).contains("inputs");
    assertThat(api.get("/api/v1/runs/bad-requests-inputs", VIEWER).status()).isEqualTo(404);
  }

  /**
   * A body over 1 MiB is refused on its Content-Length alone, before the client sends it: asked
   * with {@code Expect: 100-continue} (as curl does for large bodies), the API answers 413 at once
   * instead of {@code 100 Continue}. The request is written by hand because the JDK 17 client waits
   * forever for a 100 that never comes (JDK-8286171); without the Expect header the 413 and the
   * closed connection race the client's own writing.
   */
  @Test
  void bodyOverOneMiB_isRefusedOnItsLength_beforeItIsSent() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", APP.getLocalPort())) {
      socket.setSoTimeout(30_000);
      String request =
          "POST /api/v1/pipelines/review/runs HTTP/1.1\r\n"
              + "Host: 127.0.0.1\r\n"
              + "Authorization: Bearer "
              + OPERATOR
              + "\r\n"
              + "Content-Type: application/json\r\n"
              + "Content-Length: 1100000\r\n"
              + "Expect: 100-continue\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();

      RawHttpResponse response = RawHttpResponse.read(socket.getInputStream());

      assertThat(response.statusLine()).startsWith("HTTP/1.1 413");
      assertThat(response.header("content-type")).startsWith("application/json");
      JsonNode body = new ObjectMapper().readTree(response.body());
      assertThat(body.at("/error/code").asText()).isEqualTo("payload_too_large");
      assertThat(body.at("/error/message").asText()).contains("1048576 bytes");
    }
  }

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @MethodSource("table")
  void badRequest_getsItsStatusAndJsonError(
      String name, int status, String code, Function<ApiTestClient, Reply> request) {
    Reply reply = request.apply(api);

    assertThat(reply.status()).as(name + ": " + reply.raw().body()).isEqualTo(status);
    assertThat(reply.raw().headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(reply.errorCode()).as(name).isEqualTo(code);
    assertThat(reply.body().at("/error/message").asText()).isNotBlank();
    assertThat(reply.body().at("/error/details").isObject()).isTrue();
    assertThat(reply.raw().body()).doesNotContain("Exception", "\tat ");
  }
}
