package dev.agenthub.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.api.agents.AgentsResource;
import dev.agenthub.api.alerts.AlertsResource;
import dev.agenthub.api.events.EventsResource;
import dev.agenthub.api.pipelines.PipelinesResource;
import dev.agenthub.api.runs.RunsResource;
import dev.agenthub.api.schedules.SchedulesResource;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.Test;

/** The OpenAPI document lists exactly the routes the resources serve. */
public class OpenApiDocumentTest {

  /** Every resource of the public API (dev-only resources are not part of it). */
  public static final List<Class<?>> API_RESOURCES =
      List.of(
          AgentsResource.class,
          PipelinesResource.class,
          RunsResource.class,
          OpenApiResource.class,
          AlertsResource.class,
          SchedulesResource.class,
          EventsResource.class);

  @Test
  void document_matchesTheResourceRoutes() throws Exception {
    JsonNode document =
        new ObjectMapper()
            .readTree(OpenApiResource.class.getResourceAsStream(OpenApiResource.DOCUMENT));
    Set<String> documented = new TreeSet<>();
    document
        .path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method ->
                            documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));

    assertThat(documented).isEqualTo(routes());
  }

  @Test
  void document_declaresAnErrorResponseShape() throws Exception {
    JsonNode error =
        new ObjectMapper()
            .readTree(OpenApiResource.class.getResourceAsStream(OpenApiResource.DOCUMENT))
            .at("/components/schemas/Error/properties/error/required");

    assertThat(error.toString()).isEqualTo("[\"code\",\"message\",\"details\"]");
  }

  /** {@code METHOD /path} for every resource method, with Jersey's path templates. */
  static Set<String> routes() {
    Set<String> routes = new TreeSet<>();
    for (Class<?> type : API_RESOURCES) {
      Resource resource = Resource.from(type);
      collect(resource, normalise(resource.getPath()), routes);
    }
    return routes;
  }

  private static void collect(Resource resource, String path, Set<String> routes) {
    for (ResourceMethod method : resource.getResourceMethods()) {
      routes.add(method.getHttpMethod() + " " + path);
    }
    for (Resource child : resource.getChildResources()) {
      collect(child, path + "/" + normalise(child.getPath()).replaceFirst("^/", ""), routes);
    }
  }

  private static String normalise(String path) {
    String withSlash = path.startsWith("/") ? path : "/" + path;
    return withSlash.endsWith("/") ? withSlash.substring(0, withSlash.length() - 1) : withSlash;
  }
}
