package dev.agenthub.api.observability;

import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRoute;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRouteSource;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.regex.Pattern;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * Tells the current server span which route template Jersey matched ({@code /api/v1/runs/{id}}),
 * which becomes its {@code http.route} and its name. Runs after matching.
 */
final class RouteTemplateFilter implements ContainerRequestFilter {

  private static final Pattern REPEATED_SLASHES = Pattern.compile("/+");

  @Override
  public void filter(ContainerRequestContext request) {
    String route = route(request.getUriInfo());
    if (route != null) {
      HttpServerRoute.update(Context.current(), HttpServerRouteSource.CONTROLLER, route);
    }
  }

  /** The matched templates, outermost first, joined; {@code null} when nothing matched. */
  static String route(UriInfo uriInfo) {
    if (!(uriInfo instanceof ExtendedUriInfo extended)) {
      return null;
    }
    List<UriTemplate> templates = extended.getMatchedTemplates();
    if (templates.isEmpty()) {
      return null;
    }
    StringBuilder route = new StringBuilder();
    // Jersey lists the innermost (method) template first.
    for (int i = templates.size() - 1; i >= 0; i--) {
      String template = templates.get(i).getTemplate();
      if (template.isEmpty() || template.equals("/")) {
        continue;
      }
      if (!template.startsWith("/")
          && route.length() > 0
          && route.charAt(route.length() - 1) != '/') {
        route.append('/');
      }
      route.append(template);
    }
    String path = REPEATED_SLASHES.matcher(route).replaceAll("/");
    return path.isEmpty() ? "/" : path;
  }
}
