package dev.agenthub.api.resources;

import dev.agenthub.api.auth.ApiAuth;
import dev.agenthub.api.auth.ApiKeyConfiguration;
import dev.agenthub.api.auth.AuthConfiguration;
import dev.agenthub.api.auth.Role;
import dev.agenthub.api.core.RunLinks;
import dev.agenthub.api.errors.ApiErrors;
import dev.agenthub.shared.agents.AgentCatalog;
import dev.agenthub.shared.pipeline.PipelineCatalog;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import java.nio.file.Path;
import java.util.List;

/** Resources over a {@link FakeRunService}, with the real error mappers and API-key auth. */
final class ResourceTestSupport {

  static final String VIEWER_KEY = "viewer-key";
  static final String OPERATOR_KEY = "operator-key";
  static final String ADMIN_KEY = "admin-key";

  private ResourceTestSupport() {}

  static PipelineCatalog fixtureCatalog() {
    return PipelineCatalog.loadDirectory(
        Path.of("src/test/resources/pipelines-fixture"), AgentCatalog.builtIn());
  }

  static RunLinks links() {
    return new RunLinks("http://temporal-ui:8233", "default");
  }

  static AuthConfiguration auth() {
    AuthConfiguration auth = new AuthConfiguration();
    auth.addKey(ApiKeyConfiguration.ofKey("vic", Role.VIEWER, VIEWER_KEY));
    auth.addKey(ApiKeyConfiguration.ofKey("olga", Role.OPERATOR, OPERATOR_KEY));
    auth.addKey(ApiKeyConfiguration.ofKey("ada", Role.ADMIN, ADMIN_KEY));
    return auth;
  }

  static ResourceExtension extension(FakeRunService runs) {
    ResourceExtension.Builder builder =
        ResourceExtension.builder()
            .setRegisterDefaultExceptionMappers(false)
            .addResource(new PipelinesResource(fixtureCatalog(), runs, links()))
            .addResource(new RunsResource(runs, links()))
            .addResource(new OpenApiResource());
    List<Object> providers = new java.util.ArrayList<>(ApiErrors.providers());
    providers.addAll(ApiAuth.providers(auth()));
    providers.forEach(builder::addProvider);
    return builder.build();
  }

  static Invocation.Builder as(WebTarget target, String key) {
    Invocation.Builder request = target.request();
    return key == null ? request : request.header("Authorization", "Bearer " + key);
  }
}
