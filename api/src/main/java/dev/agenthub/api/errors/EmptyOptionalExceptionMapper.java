package dev.agenthub.api.errors;

import io.dropwizard.jersey.optional.EmptyOptionalException;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** A resource method returned an empty {@code Optional} → 404 {@code not_found}. */
final class EmptyOptionalExceptionMapper extends ErrorMapper<EmptyOptionalException> {

  @Override
  Response map(EmptyOptionalException e, FailedRequest request) {
    return ErrorResponses.error(
            request, 404, "not_found", "no such resource: " + request.path(), Map.of())
        .build();
  }
}
