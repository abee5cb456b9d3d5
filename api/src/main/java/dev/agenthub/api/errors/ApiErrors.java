package dev.agenthub.api.errors;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Every error the API returns, in one shape: {@code {"error": {"code", "message", "details"}}}.
 * Replaces Dropwizard's default exception mappers, so the application must turn those off ({@code
 * server.registerDefaultExceptionMappers: false}, or {@code ((DefaultServerFactory)
 * config.getServerFactory()).setRegisterDefaultExceptionMappers(false)}).
 *
 * <p>Codes: {@code bad_request}, {@code malformed_json} (400); {@code unauthorized} (401); {@code
 * forbidden} (403); {@code not_found} (404); {@code method_not_allowed} (405, {@code
 * details.allowed}, and {@code Allow}); {@code not_acceptable} (406); {@code payload_too_large}
 * (413); {@code request_header_fields_too_large} (431); {@code unknown_field} (400, {@code
 * details.field}); {@code unsupported_media_type} (415); {@code invalid_request} (422, {@code
 * details.violations}); those of {@link ApiException}s and of the run service's failures ({@link
 * RunServiceErrors}); {@code internal_error} (500); {@code temporal_unavailable} (503, with {@code
 * Retry-After}).
 */
public final class ApiErrors {

  private ApiErrors() {}

  /** Registers the exception mappers and the request-size limit with {@code jersey}. */
  public static void register(JerseyEnvironment jersey) {
    for (Object provider : providers()) {
      jersey.register(provider);
    }
  }

  /**
   * Answers the errors Jetty produces itself (bad URIs, oversized headers, refused methods) in the
   * same shape, on the server and on both servlet contexts. Call from {@code Application.run}.
   */
  public static void registerContainer(Environment environment, Set<String> allowedMethods) {
    ContainerErrorHandler handler =
        new ContainerErrorHandler(environment.getObjectMapper(), allowedMethods);
    environment.getApplicationContext().setErrorHandler(handler);
    environment.getAdminContext().setErrorHandler(handler);
    // The server is built after run(); requests Jetty refuses before they reach a context (headers
    // over the limit, say) are answered by the server's handler.
    environment
        .lifecycle()
        .addEventListener(
            new LifeCycle.Listener() {
              @Override
              public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                  server.setErrorHandler(handler);
                }
              }
            });
  }

  /**
   * The Jersey components {@link #register} adds, for tests that assemble Jersey themselves
   * (Dropwizard's {@code ResourceExtension.builder().addProvider(...)}).
   */
  public static List<Object> providers() {
    return List.of(
        new RequestSizeLimitFilter(),
        new ApiExceptionMapper(),
        new RunServiceExceptionMapper(),
        new WebApplicationExceptionMapper(),
        new JsonProcessingExceptionMapper(),
        new ConstraintViolationExceptionMapper(),
        new EmptyOptionalExceptionMapper(),
        new StatusRuntimeExceptionMapper(),
        new UnexpectedExceptionMapper());
  }
}
