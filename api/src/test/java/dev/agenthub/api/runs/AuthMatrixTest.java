package dev.agenthub.api.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.api.alerts.AlertsResource;
import dev.agenthub.api.auth.Role;
import dev.agenthub.api.events.EventsResource;
import dev.agenthub.api.openapi.OpenApiDocumentTest;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every API route × {no key, bad key, viewer, operator, admin}: 401 without a valid key, 403 below
 * the route's role, and neither at or above it. The policy (which role each route requires) is
 * pinned in {@link #POLICY}, not read from the resources' annotations, so that loosening or
 * tightening a route's {@code @RolesAllowed} fails here; the routes themselves are discovered from
 * the resources, so a new route fails until the policy names it.
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

  /** Who may call each route: the least role, or null for a public route. */
  private static final Map<String, Role> POLICY = new LinkedHashMap<>();

  static {
    POLICY.put("GET /api/v1/openapi.json", null); // the API's description, for tools
    POLICY.put("GET /api/v1/agents", Role.VIEWER);
    POLICY.put("GET /api/v1/pipelines", Role.VIEWER);
    POLICY.put("GET /api/v1/pipelines/{name}", Role.VIEWER);
    POLICY.put("POST /api/v1/pipelines/{name}/runs", Role.OPERATOR);
    POLICY.put("GET /api/v1/runs", Role.VIEWER);
    POLICY.put("GET /api/v1/runs/{id}", Role.VIEWER);
    POLICY.put("GET /api/v1/runs/{id}/history", Role.VIEWER);
    POLICY.put("GET /api/v1/runs/{id}/events", Role.VIEWER);
    POLICY.put("POST /api/v1/runs/{id}/cancel", Role.OPERATOR);
    POLICY.put("POST /api/v1/runs/{id}/terminate", Role.ADMIN);
    POLICY.put("POST /api/v1/runs/{id}/steps/{step}/approve", Role.OPERATOR);
    POLICY.put("POST /api/v1/runs/{id}/steps/{step}/reject", Role.OPERATOR);
    POLICY.put("POST /api/v1/runs/{id}/retry", Role.OPERATOR);
    POLICY.put("POST /api/v1/runs/{id}/rerun", Role.OPERATOR);
    POLICY.put("GET /api/v1/schedules", Role.VIEWER);
    POLICY.put("POST /api/v1/schedules/{id}/pause", Role.OPERATOR);
    POLICY.put("POST /api/v1/schedules/{id}/unpause", Role.OPERATOR);
    POLICY.put("POST /api/v1/schedules/{id}/trigger", Role.OPERATOR);
  }

  /**
   * Routes whose query asks for more than the route's role: {@code route?query} and its least role.
   * The route itself must be in {@link #POLICY}.
   */
  private static final Map<String, Role> QUERY_POLICY = new LinkedHashMap<>();

  static {
    // The raw history holds every payload unredacted: operators only.
    QUERY_POLICY.put("GET /api/v1/runs/{id}/history?format=temporal", Role.OPERATOR);
  }

  private final FakeRunService runs = new FakeRunService();
  private final ResourceExtension resources = ResourceTestSupport.extension(runs);

  @BeforeEach
  void aRunningRun() {
    runs.add("run-1", "greet", "running");
    runs.add("run-2", "greet", "failed");
  }

  record Route(String method, String path) {
    /** The role the policy requires for this route, or null when it is public. */
    Role required() {
      return QUERY_POLICY.containsKey(toString())
          ? QUERY_POLICY.get(toString())
          : POLICY.get(toString());
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  static Stream<Arguments> matrix() {
    List<Arguments> cases = new ArrayList<>();
    List<String> routes = new ArrayList<>(POLICY.keySet());
    routes.addAll(QUERY_POLICY.keySet());
    for (String route : routes) {
      String[] parts = route.split(" ", 2);
      KEYS.keySet()
          .forEach(caller -> cases.add(Arguments.of(new Route(parts[0], parts[1]), caller)));
    }
    return cases.stream();
  }

  @Test
  void policy_namesEveryRouteOfTheResources() {
    assertThat(routes()).map(Route::toString).containsExactlyInAnyOrderElementsOf(POLICY.keySet());
    assertThat(QUERY_POLICY.keySet())
        .allSatisfy(route -> assertThat(POLICY).containsKey(route.split("\\?", 2)[0]));
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("matrix")
  void everyRoute_enforcesItsRole(Route route, String caller) {
    String[] pathAndQuery = concrete(route.path()).split("\\?", 2);
    var target = resources.target(pathAndQuery[0]);
    if (pathAndQuery.length == 2) {
      String[] param = pathAndQuery[1].split("=", 2);
      target = target.queryParam(param[0], param[1]);
    }
    var request = ResourceTestSupport.as(target, KEYS.get(caller));
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
      if (type == EventsResource.class) {
        continue; // an operator key or a source's signature, checked by the route: EventsIT.
      }
      Resource resource = Resource.from(type);
      collect(resource, resource.getPath(), routes);
    }
    return routes;
  }

  private static void collect(Resource resource, String path, List<Route> into) {
    for (ResourceMethod method : resource.getResourceMethods()) {
      into.add(new Route(method.getHttpMethod(), path));
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
}
