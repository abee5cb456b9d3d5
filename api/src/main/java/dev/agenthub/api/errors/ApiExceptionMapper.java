package dev.agenthub.api.errors;

import jakarta.ws.rs.core.Response;

/** {@link ApiException} → its status, code, message and details. */
final class ApiExceptionMapper extends ErrorMapper<ApiException> {

  @Override
  Response map(ApiException e, FailedRequest request) {
    return ErrorResponses.error(request, e.status(), e.code(), e.getMessage(), e.details()).build();
  }
}
