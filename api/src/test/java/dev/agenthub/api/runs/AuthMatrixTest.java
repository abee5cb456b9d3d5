package dev.agenthub.api.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.api.alerts.AlertsResource;
import dev.agenthub.api.auth.Role;
import dev.agenthub.api.openapi.OpenApiDocumentTest;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every API route × {no key, bad key, viewer, operator, admin}: 401 without a valid key, 403 below
 * the route's role, and neither at or above it. Routes and their roles come from the resources
 * themselves, so a new route is covered (and must declare a role) without editing this test.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuthMatrixTest {

  private static final Map<String, String> KEYS = new LinkedHashMap<>();

  static {
    KEYS.put("none", null);
    KEYS.put("bad", "not-a-key");
    KEYS.put("viewer", ResourceTestSupport.VIEWER_KEY);
    KEYS.put("operator", ResourceTestSupport.OPERATOR_KEY);
    KEYS.put("admin", ResourceTestSupport.ADMIN_KEY);
  }

  private final FakeRunService runs = new FakeRunService();
  private final ResourceExtension resources = ResourceTestSupport.extension(runs);

  @BeforeEach
  void aRunningRun() {
    runs.add("run-1", "greet", "running");
    runs.add("run-2", "greet", "failed");
  }

  record Route(String method, String path, Role required) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  static Stream<Arguments> matrix() {
    List<Arguments> cases = new ArrayList<>();
    for (Route route : routes()) {
      KEYS.keySet().forEach(caller -> cases.add(Arguments.of(route, caller)));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("matrix")
  void everyRoute_enforcesItsRole(Route route, String caller) {
    var request =
        ResourceTestSupport.as(resources.target(concrete(route.path())), KEYS.get(caller));
    Response response =
        route.method().equals("GET")
            ? request.get()
            : request.method(
                route.method(), Entity.json("{\"reason\": \"r\", \"input\": {\"name\": \"n\"}}"));

    int status = response.getStatus();
    if (route.required() == null) {
      assertThat(status).isNotIn(401, 403);
    } else if (caller.equals("none") || caller.equals("bad")) {
      assertThat(status).isEqualTo(401);
      assertThat(response.getHeaderString("WWW-Authenticate")).startsWith("Bearer");
    } else if (!Role.of(caller).includes(route.required())) {
      assertThat(status).isEqualTo(403);
    } else {
      assertThat(status).as("%s as %s", route, caller).isNotIn(401, 403);
    }
  }

  private static String concrete(String path) {
    return path.replace("{name}", "greet").replace("{id}", "run-1").replace("{step}", "review");
  }

  private static List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    for (Class<?> type : OpenApiDocumentTest.API_RESOURCES) {
      if (type == AlertsResource.class) {
        continue; // Alertmanager's own bearer token, not API keys: tested in AlertsIT.
      }
      Resource resource = Resource.from(type);
      collect(resource, resource.getPath(), routes);
    }
    assertThat(routes).hasSizeGreaterThanOrEqualTo(12);
    return routes;
  }

  private static void collect(Resource resource, String path, List<Route> into) {
    for (ResourceMethod method : resource.getResourceMethods()) {
      var java = method.getInvocable().getDefinitionMethod();
      RolesAllowed roles = java.getAnnotation(RolesAllowed.class);
      if (roles == null) {
        assertThat(
                type(method).isAnnotationPresent(PermitAll.class) || path.endsWith("openapi.json"))
            .as("%s %s declares no role", method.getHttpMethod(), path)
            .isTrue();
      }
      into.add(
          new Route(
              method.getHttpMethod(), path, roles == null ? null : Role.of(roles.value()[0])));
    }
    for (Resource child : resource.getChildResources()) {
      into.addAll(childRoutes(child, path));
    }
  }

  private static List<Route> childRoutes(Resource child, String parent) {
    List<Route> routes = new ArrayList<>();
    collect(child, parent + "/" + child.getPath().replaceFirst("^/", ""), routes);
    return routes;
  }

  private static Class<?> type(ResourceMethod method) {
    return method.getInvocable().getHandler().getHandlerClass();
  }
}
