package dev.agenthub.api.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.api.ApiApplication;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class ApiErrorsTest {

  private static final ObjectMapper json = new ObjectMapper();

  static final ResourceExtension resources = resources();

  private static ResourceExtension resources() {
    ResourceExtension.Builder builder =
        ResourceExtension.builder()
            .setMapper(ApiApplication.configureJson(Jackson.newObjectMapper()))
            .setRegisterDefaultExceptionMappers(false)
            .addResource(new ErrorProbeResource());
    ApiErrors.providers().forEach(builder::addProvider);
    return builder.build();
  }

  @Test
  void malformedJson_is400WithLineAndColumn() throws Exception {
    Response response =
        resources
            .target("/probe")
            .request()
            .post(Entity.entity("{\n  \"name\": oops}", MediaType.APPLICATION_JSON));

    JsonNode error = errorOf(response, 400, "malformed_json");
    assertThat(error.path("details").path("line").asInt()).isEqualTo(2);
    assertThat(error.path("details").has("column")).isTrue();
    assertThat(error.toString()).doesNotContain("Unrecognized token").doesNotContain("at [Source");
  }

  @Test
  void wrongShapeJson_is400WithField() throws Exception {
    Response response =
        resources
            .target("/probe")
            .request()
            .post(Entity.json("{\"name\": \"a\", \"count\": \"many\"}"));

    JsonNode error = errorOf(response, 400, "malformed_json");
    assertThat(error.path("details").path("field").asText()).isEqualTo("count");
    assertThat(error.toString()).doesNotContain("dev.agenthub");
  }

  @Test
  void constraintViolation_is422WithEachViolation() throws Exception {
    Response response =
        resources.target("/probe").request().post(Entity.json("{\"name\": \" \", \"count\": -1}"));

    JsonNode error = errorOf(response, 422, "invalid_request");
    JsonNode violations = error.path("details").path("violations");
    assertThat(violations).hasSize(2);
    assertThat(violations.findValuesAsText("path")).containsExactly("count", "name");
    assertThat(violations.get(0).path("message").asText()).contains("count");
  }

  @Test
  void wrongContentType_is415() throws Exception {
    Response response = resources.target("/probe").request().post(Entity.text("name=a"));

    JsonNode error = errorOf(response, 415, "unsupported_media_type");
    assertThat(error.path("message").asText()).isEqualTo("use Content-Type: application/json");
  }

  @Test
  void unknownPath_is404Json() throws Exception {
    Response response = resources.target("/nowhere/at/all").request().get();

    JsonNode error = errorOf(response, 404, "not_found");
    assertThat(error.path("message").asText()).isEqualTo("no such resource: /nowhere/at/all");
  }

  @Test
  void emptyOptional_is404Json() throws Exception {
    errorOf(resources.target("/probe/empty").request().get(), 404, "not_found");
  }

  @Test
  void wrongMethod_is405WithAllowedMethods() throws Exception {
    Response response = resources.target("/probe").request().put(Entity.json("{}"));

    JsonNode error = errorOf(response, 405, "method_not_allowed");
    List<String> allowed = new ArrayList<>();
    error.path("details").path("allowed").forEach(method -> allowed.add(method.asText()));
    assertThat(allowed).contains("GET", "POST").doesNotContain("PUT");
    assertThat(response.getHeaderString("Allow")).contains("GET").contains("POST");
  }

  @Test
  void notAcceptable_is406Json() throws Exception {
    Response response = resources.target("/probe").request("text/csv").get();

    errorOf(response, 406, "not_acceptable");
  }

  @Test
  void bodyOverLimit_withContentLength_is413() throws Exception {
    byte[] body = jsonBodyOfSize(RequestSizeLimitFilter.DEFAULT_LIMIT_BYTES + 1);
    Response response =
        resources
            .target("/probe")
            .request()
            .header("Content-Length", body.length)
            .post(Entity.entity(body, MediaType.APPLICATION_JSON));

    JsonNode error = errorOf(response, 413, "payload_too_large");
    assertThat(error.path("details").path("limitBytes").asLong()).isEqualTo(1024L * 1024L);
  }

  @Test
  void bodyAtLimit_isAccepted() {
    byte[] body = jsonBodyOfSize(RequestSizeLimitFilter.DEFAULT_LIMIT_BYTES);
    Response response =
        resources.target("/probe").request().post(Entity.entity(body, MediaType.APPLICATION_JSON));

    assertThat(response.getStatus()).isEqualTo(200);
  }

  @Test
  void runtimeException_is500WithIdAndNoInternals() throws Exception {
    Response response = resources.target("/probe/runtime").request().get();

    JsonNode error = errorOf(response, 500, "internal_error");
    assertThat(error.path("message").asText()).matches("internal error \\(id [0-9a-f]{16}\\)");
    assertThat(error.path("details").isEmpty()).isTrue();
    assertThat(error.toString())
        .doesNotContain("hunter2")
        .doesNotContain("IllegalStateException")
        .doesNotContain("at dev.");
  }

  @Test
  void grpcUnavailable_is503WithRetryAfter() throws Exception {
    Response response = resources.target("/probe/grpc-unavailable").request().get();

    JsonNode error = errorOf(response, 503, "temporal_unavailable");
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
    assertThat(error.toString()).doesNotContain("10.0.0.7");
  }

  @Test
  void grpcFailureWrappedInAnotherException_isStillMapped() throws Exception {
    Response response = resources.target("/probe/grpc-wrapped").request().get();

    errorOf(response, 503, "temporal_unavailable");
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
  }

  @Test
  void grpcNotFound_is404_andOtherStatuses_are500() throws Exception {
    errorOf(resources.target("/probe/grpc-not-found").request().get(), 404, "not_found");
    JsonNode internal =
        errorOf(resources.target("/probe/grpc-internal").request().get(), 500, "internal_error");
    assertThat(internal.toString()).doesNotContain("secret");
  }

  @Test
  void apiException_passesStatusCodeAndDetails() throws Exception {
    Response response = resources.target("/probe/api-exception").request().get();

    JsonNode error = errorOf(response, 409, "run_exists");
    assertThat(error.path("message").asText()).isEqualTo("a run with this idempotency key exists");
    assertThat(error.path("details").path("runId").asText()).isEqualTo("r-1");
  }

  @Test
  void runServiceException_isAnsweredWithItsStatusCodeAndDetails() throws Exception {
    Response response = resources.target("/probe/run-service").request().get();

    JsonNode error = errorOf(response, 409, "run_not_retryable");
    assertThat(error.path("message").asText()).contains("run r-1 is running");
    assertThat(error.path("details").path("status").asText()).isEqualTo("running");
  }

  @Test
  void unknownField_is400NamingItAndTheKnownOnes() throws Exception {
    Response response =
        resources
            .target("/probe")
            .request()
            .post(Entity.json("{\"name\": \"a\", \"count\": 1, \"nmae\": \"b\"}"));

    JsonNode error = errorOf(response, 400, "unknown_field");
    assertThat(error.path("message").asText()).contains("\"nmae\"");
    assertThat(error.path("details").path("field").asText()).isEqualTo("nmae");
    assertThat(error.path("details").path("known").toString()).isEqualTo("[\"count\",\"name\"]");
  }

  @Test
  void validBody_isServed() {
    Response response =
        resources.target("/probe").request().post(Entity.json("{\"name\": \"a\", \"count\": 2}"));

    assertThat(response.getStatus()).isEqualTo(200);
  }

  /** Asserts the status and the error shape, and returns the {@code error} object. */
  static JsonNode errorOf(Response response, int status, String code) throws Exception {
    assertThat(response.getStatus()).isEqualTo(status);
    assertThat(response.getMediaType().toString()).startsWith(MediaType.APPLICATION_JSON);
    JsonNode body = json.readTree(response.readEntity(String.class));
    assertThat(body.fieldNames()).toIterable().containsExactly("error");
    JsonNode error = body.path("error");
    assertThat(error.fieldNames()).toIterable().containsExactly("code", "message", "details");
    assertThat(error.path("code").asText()).isEqualTo(code);
    assertThat(error.path("details").isObject()).isTrue();
    return error;
  }

  /** {@code {"name": "aaa...", "count": 1}} of exactly {@code size} bytes. */
  static byte[] jsonBodyOfSize(long size) {
    String prefix = "{\"name\": \"";
    String suffix = "\", \"count\": 1}";
    String padding = "a".repeat((int) size - prefix.length() - suffix.length());
    return (prefix + padding + suffix).getBytes(StandardCharsets.UTF_8);
  }
}
