package dev.agenthub.api.errors;

import io.dropwizard.jersey.setup.JerseyEnvironment;
import java.util.List;

/**
 * Every error the API returns, in one shape: {@code {"error": {"code", "message", "details"}}}.
 * Replaces Dropwizard's default exception mappers, so the application must turn those off ({@code
 * server.registerDefaultExceptionMappers: false}, or {@code ((DefaultServerFactory)
 * config.getServerFactory()).setRegisterDefaultExceptionMappers(false)}).
 *
 * <p>Codes: {@code bad_request}, {@code malformed_json} (400); {@code unauthorized} (401); {@code
 * forbidden} (403); {@code not_found} (404); {@code method_not_allowed} (405, {@code
 * details.allowed}); {@code not_acceptable} (406); {@code payload_too_large} (413); {@code
 * unsupported_media_type} (415); {@code invalid_request} (422, {@code details.violations}); those
 * of {@link ApiException}s and of the run service's failures ({@link RunServiceErrors}); {@code
 * internal_error} (500); {@code temporal_unavailable} (503, with {@code Retry-After}).
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
