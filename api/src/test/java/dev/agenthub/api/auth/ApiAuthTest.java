package dev.agenthub.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.api.errors.ApiErrors;
import io.dropwizard.auth.Auth;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(DropwizardExtensionsSupport.class)
class ApiAuthTest {

  private static final ObjectMapper json = new ObjectMapper();

  private static final String VIEWER_KEY = "viewer-key-1";
  private static final String OPERATOR_KEY = "operator-key-2";
  private static final String ADMIN_KEY = "admin-key-3";

  static final ResourceExtension resources = resources();

  private static ResourceExtension resources() {
    AuthConfiguration config =
        new AuthConfiguration()
            .withKey(ApiKeyConfiguration.ofKey("grafana", Role.VIEWER, VIEWER_KEY))
            .withKey(
                ApiKeyConfiguration.hashed("ci", Role.OPERATOR, KeyHashes.sha256Hex(OPERATOR_KEY)))
            .withKey(ApiKeyConfiguration.ofKey("root", Role.ADMIN, ADMIN_KEY));
    ResourceExtension.Builder builder =
        ResourceExtension.builder()
            .setRegisterDefaultExceptionMappers(false)
            .addResource(new RoleProbeResource());
    ApiErrors.providers().forEach(builder::addProvider);
    ApiAuth.providers(config).forEach(builder::addProvider);
    return builder.build();
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "none,     GET,    401",
    "none,     POST,   401",
    "none,     DELETE, 401",
    "bad,      GET,    401",
    "bad,      POST,   401",
    "bad,      DELETE, 401",
    "viewer,   GET,    200",
    "viewer,   POST,   403",
    "viewer,   DELETE, 403",
    "operator, GET,    200",
    "operator, POST,   200",
    "operator, DELETE, 403",
    "admin,    GET,    200",
    "admin,    POST,   200",
    "admin,    DELETE, 204",
  })
  void roleMatrix(String caller, String method, int expected) throws Exception {
    Response response = call(caller, method);

    assertThat(response.getStatus()).isEqualTo(expected);
    if (expected == 401) {
      assertThat(response.getHeaderString("WWW-Authenticate"))
          .isEqualTo("Bearer realm=\"agenthub\"");
      JsonNode error = errorOf(response, "unauthorized");
      assertThat(error.path("message").asText()).isEqualTo("missing or invalid API key");
    } else if (expected == 403) {
      assertThat(response.getHeaderString("WWW-Authenticate")).isNull();
      JsonNode error = errorOf(response, "forbidden");
      assertThat(error.path("details").path("required").asText())
          .isEqualTo(method.equals("POST") ? "operator" : "admin");
    }
  }

  @Test
  void authenticatedCaller_isInjected() {
    Map<?, ?> body = call("operator", "GET").readEntity(Map.class);

    assertThat(body).isEqualTo(Map.of("name", "ci", "role", "operator"));
  }

  @Test
  void nonBearerScheme_is401() throws Exception {
    Response response =
        resources.target("/probe").request().header("Authorization", "Basic " + ADMIN_KEY).get();

    assertThat(response.getStatus()).isEqualTo(401);
    errorOf(response, "unauthorized");
  }

  @Test
  void keyInQueryString_isRefused() throws Exception {
    Response response =
        resources.target("/probe").queryParam("access_token", ADMIN_KEY).request().get();

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(errorOf(response, "api_key_in_query").toString()).doesNotContain(ADMIN_KEY);
  }

  @Test
  void unauthorizedHandler_buildsTheErrorShape() throws Exception {
    Response response = new JsonUnauthorizedHandler().buildResponse("Bearer", "agenthub");

    assertThat(response.getStatus()).isEqualTo(401);
    assertThat(response.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer realm=\"agenthub\"");
    assertThat(json.valueToTree(response.getEntity()).toString())
        .isEqualTo(
            "{\"error\":{\"code\":\"unauthorized\",\"message\":\"missing or invalid API key\","
                + "\"details\":{}}}");
  }

  private static Response call(String caller, String method) {
    Invocation.Builder request = resources.target("/probe").request();
    String key =
        switch (caller) {
          case "none" -> null;
          case "bad" -> "not-a-key";
          case "viewer" -> VIEWER_KEY;
          case "operator" -> OPERATOR_KEY;
          case "admin" -> ADMIN_KEY;
          default -> throw new IllegalArgumentException(caller);
        };
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return switch (method) {
      case "GET" -> request.get();
      case "POST" -> request.post(Entity.json("{\"note\": \"hi\"}"));
      case "DELETE" -> request.delete();
      default -> throw new IllegalArgumentException(method);
    };
  }

  private static JsonNode errorOf(Response response, String code) throws Exception {
    assertThat(response.getMediaType().toString()).startsWith(MediaType.APPLICATION_JSON);
    JsonNode body = json.readTree(response.readEntity(String.class));
    assertThat(body.fieldNames()).toIterable().containsExactly("error");
    assertThat(body.path("error").fieldNames())
        .toIterable()
        .containsExactly("code", "message", "details");
    assertThat(body.path("error").path("code").asText()).isEqualTo(code);
    return body.path("error");
  }

  /** GET needs viewer, POST operator, DELETE admin. */
  @Path("/probe")
  @Produces(MediaType.APPLICATION_JSON)
  public static class RoleProbeResource {

    @GET
    @RolesAllowed("viewer")
    public Map<String, String> get(@Auth ApiPrincipal caller) {
      return Map.of("name", caller.name(), "role", caller.role().wireName());
    }

    @POST
    @RolesAllowed("operator")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> post(Map<String, Object> body) {
      return body;
    }

    @DELETE
    @RolesAllowed("admin")
    public void delete() {}
  }
}
