package dev.agenthub.api.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.api.ApiApplication;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The error mapping behind real Jetty, for what the in-memory container cannot show: chunked bodies
 * (it always sets Content-Length), Dropwizard's defaults turned off by configuration, and the
 * errors Jetty answers itself (bad URIs, oversized headers, TRACE).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ApiErrorsHttpTest {

  static final DropwizardAppExtension<Configuration> app =
      new DropwizardAppExtension<>(
          ProbeApplication.class, ResourceHelpers.resourceFilePath("errors-probe.yml"));

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void chunkedBodyOverLimit_is413() throws Exception {
    byte[] body = ApiErrorsTest.jsonBodyOfSize(2 * RequestSizeLimitFilter.DEFAULT_LIMIT_BYTES);
    HttpResponse<String> response =
        http.send(
            post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))),
            HttpResponse.BodyHandlers.ofString());

    assertError(response, 413, "payload_too_large");
  }

  @Test
  void declaredBodyOverLimit_is413() throws Exception {
    byte[] body = ApiErrorsTest.jsonBodyOfSize(RequestSizeLimitFilter.DEFAULT_LIMIT_BYTES + 1);
    HttpResponse<String> response =
        http.send(
            post(HttpRequest.BodyPublishers.ofByteArray(body)),
            HttpResponse.BodyHandlers.ofString());

    assertError(response, 413, "payload_too_large");
  }

  @Test
  void chunkedBodyUnderLimit_isServed() throws Exception {
    byte[] body = ApiErrorsTest.jsonBodyOfSize(RequestSizeLimitFilter.DEFAULT_LIMIT_BYTES);
    HttpResponse<String> response =
        http.send(
            post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void malformedJson_isOurs_notDropwizards() throws Exception {
    HttpResponse<String> response =
        http.send(
            post(HttpRequest.BodyPublishers.ofString("{oops")),
            HttpResponse.BodyHandlers.ofString());

    assertError(response, 400, "malformed_json");
  }

  @Test
  void runtimeException_is500WithoutInternals() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri("/probe/runtime")).GET().build(),
            HttpResponse.BodyHandlers.ofString());

    assertError(response, 500, "internal_error");
    assertThat(response.body()).doesNotContain("hunter2");
  }

  @Test
  void encodedSlashInAPathSegment_is400Json() throws Exception {
    assertError(get("/probe/a%2Fb"), 400, "bad_request");
  }

  @Test
  void encodedDotDotSegment_is400Json() throws Exception {
    assertError(get("/probe/%2E%2E/probe"), 400, "bad_request");
  }

  @Test
  void dotDotAboveTheRoot_is400Json() throws Exception {
    assertError(get("/../probe"), 400, "bad_request");
  }

  @Test
  void headersOverTheLimit_are431Json() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri("/probe")).header("X-Big", "x".repeat(20_000)).GET().build(),
            HttpResponse.BodyHandlers.ofString());

    assertError(response, 431, "request_header_fields_too_large");
  }

  @Test
  void trace_is405JsonWithAllow() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri("/probe"))
                .method("TRACE", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertError(response, 405, "method_not_allowed");
    assertThat(response.headers().firstValue("Allow"))
        .hasValueSatisfying(allow -> assertThat(allow).contains("GET").doesNotContain("TRACE"));
    assertThat(response.body()).doesNotContain("TRACE /probe HTTP");
  }

  @Test
  void unknownField_is400NamingIt() throws Exception {
    HttpResponse<String> response =
        http.send(
            post(HttpRequest.BodyPublishers.ofString("{\"name\": \"a\", \"cuont\": 1}")),
            HttpResponse.BodyHandlers.ofString());

    assertError(response, 400, "unknown_field");
    assertThat(new ObjectMapper().readTree(response.body()).at("/error/details/field").asText())
        .isEqualTo("cuont");
  }

  private HttpResponse<String> get(String rawPath) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(rawPath)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest post(HttpRequest.BodyPublisher body) {
    return HttpRequest.newBuilder(uri("/probe"))
        .header("Content-Type", "application/json")
        .POST(body)
        .build();
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + app.getLocalPort() + path);
  }

  private static void assertError(HttpResponse<String> response, int status, String code)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode error = new ObjectMapper().readTree(response.body()).path("error");
    assertThat(error.path("code").asText()).isEqualTo(code);
    assertThat(error.path("details").isObject()).isTrue();
  }

  /** Just the error mapping and a probe resource. */
  public static class ProbeApplication extends Application<Configuration> {
    @Override
    public void initialize(Bootstrap<Configuration> bootstrap) {
      ApiApplication.configureJson(bootstrap.getObjectMapper());
    }

    @Override
    public void run(Configuration configuration, Environment environment) {
      ApiErrors.register(environment.jersey());
      ApiErrors.registerContainer(
          environment,
          ((AbstractServerFactory) configuration.getServerFactory()).getAllowedMethods());
      environment.jersey().register(new ErrorProbeResource());
    }
  }
}
