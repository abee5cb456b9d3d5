package dev.agenthub.api.errors;

import dev.agenthub.api.runs.RunServiceException;
import jakarta.ws.rs.core.Response;

/** {@link RunServiceException} → the status, code and details {@link RunServiceErrors} gives it. */
final class RunServiceExceptionMapper extends ErrorMapper<RunServiceException> {

  @Override
  Response map(RunServiceException e, FailedRequest request) {
    ApiException http = RunServiceErrors.http(e);
    return ErrorResponses.error(
            request, http.status(), http.code(), http.getMessage(), http.details())
        .build();
  }
}
