package dev.agenthub.api.runs;

import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.api.ApiApplication;
import dev.agenthub.api.agents.AgentsResource;
import dev.agenthub.api.auth.ApiAuth;
import dev.agenthub.api.auth.ApiKeyConfiguration;
import dev.agenthub.api.auth.AuthConfiguration;
import dev.agenthub.api.auth.Role;
import dev.agenthub.api.errors.ApiErrors;
import dev.agenthub.api.openapi.OpenApiResource;
import dev.agenthub.api.pipelines.PipelinesResource;
import dev.agenthub.api.schedules.ScheduleReconciliation;
import dev.agenthub.api.schedules.Schedules;
import dev.agenthub.api.schedules.SchedulesResource;
import dev.agenthub.dsl.PipelineCatalog;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.glassfish.jersey.test.grizzly.GrizzlyTestContainerFactory;

/** Resources over a {@link FakeRunService}, with the real error mappers and API-key auth. */
public final class ResourceTestSupport {

  public static final String VIEWER_KEY = "viewer-key";
  public static final String OPERATOR_KEY = "operator-key";
  public static final String ADMIN_KEY = "admin-key";

  private static final WorkflowServiceStubs UNREACHED_TEMPORAL =
      WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:1").build());

  private ResourceTestSupport() {}

  public static PipelineCatalog fixtureCatalog() {
    return PipelineCatalog.loadDirectory(
        Path.of("src/test/resources/pipelines-fixture"), AgentCatalog.builtIn());
  }

  public static RunLinks links() {
    return new RunLinks("http://temporal-ui:8233", "default");
  }

  public static AuthConfiguration auth() {
    return new AuthConfiguration()
        .withKey(ApiKeyConfiguration.ofKey("vic", Role.VIEWER, VIEWER_KEY))
        .withKey(ApiKeyConfiguration.ofKey("olga", Role.OPERATOR, OPERATOR_KEY))
        .withKey(ApiKeyConfiguration.ofKey("ada", Role.ADMIN, ADMIN_KEY));
  }

  public static ResourceExtension extension(FakeRunService runs) {
    ResourceExtension.Builder builder =
        ResourceExtension.builder()
            .setMapper(ApiApplication.configureJson(Jackson.newObjectMapper()))
            .setRegisterDefaultExceptionMappers(false)
            // A real HTTP container: the in-memory one cannot suspend requests (?wait=, SSE).
            .setTestContainerFactory(new GrizzlyTestContainerFactory())
            .addResource(new PipelinesResource(fixtureCatalog(), runs, links()))
            .addResource(new RunsResource(runs, links()))
            .addResource(
                new AgentsResource(
                    AgentCatalog.builtIn(), "agenthub-pipelines", queue -> Optional.of(true)))
            .addResource(new OpenApiResource())
            .addResource(new SchedulesResource(schedules()));
    List<Object> providers = new java.util.ArrayList<>(ApiErrors.providers());
    providers.addAll(ApiAuth.providers(auth()));
    providers.forEach(builder::addProvider);
    return builder.build();
  }

  /**
   * The schedules of the fixture pipelines over a Temporal that is never reached (its stubs connect
   * lazily to a closed port): enough for routing and auth.
   */
  private static Schedules schedules() {
    WorkflowClient client = WorkflowClient.newInstance(UNREACHED_TEMPORAL);
    return ScheduleReconciliation.create(
            fixtureCatalog(),
            client,
            new RunStarter(client, "agenthub-pipelines"),
            false,
            Executors.newSingleThreadScheduledExecutor())
        .schedules();
  }

  public static Invocation.Builder as(WebTarget target, String key) {
    Invocation.Builder request = target.request();
    return key == null ? request : request.header("Authorization", "Bearer " + key);
  }
}
