package dev.agenthub.api.errors;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;

/** An exception mapper that knows which request failed. */
abstract class ErrorMapper<E extends Throwable> implements ExceptionMapper<E> {

  @Context private UriInfo uriInfo;
  @Context private Request request;

  @Override
  public final Response toResponse(E exception) {
    return map(exception, failedRequest());
  }

  abstract Response map(E exception, FailedRequest request);

  private FailedRequest failedRequest() {
    try {
      return new FailedRequest(request.getMethod(), uriInfo.getRequestUri().getRawPath());
    } catch (RuntimeException outsideRequest) {
      // No request in scope (the mapper was called directly); the error still gets its shape.
      return FailedRequest.UNKNOWN;
    }
  }
}
