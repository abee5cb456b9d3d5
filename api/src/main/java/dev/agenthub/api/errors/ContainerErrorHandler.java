package dev.agenthub.api.errors;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors the servlet container produces itself, before or outside Jersey, in the API's
 * shape: a URI Jetty refuses (an encoded slash or a {@code ..} segment: 400), request headers over
 * the limit (431), a method the server refuses outright ({@code TRACE}: 405), a failure that
 * escapes the filters (500). Jetty's own handler writes these as HTML, or with no body at all for
 * methods other than GET, POST and HEAD. A 405 without an {@code Allow} header gets the methods the
 * server accepts at all: the container does not know which of them the path would take.
 */
public final class ContainerErrorHandler extends ErrorHandler {

  private final ObjectMapper json;
  private final List<String> allowedMethods;

  /**
   * @param json writes the error bodies
   * @param allowedMethods the methods the server accepts ({@code server.allowedMethods})
   */
  public ContainerErrorHandler(ObjectMapper json, Collection<String> allowedMethods) {
    this.json = requireNonNull(json, "json");
    this.allowedMethods = allowedMethods.stream().sorted().toList();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus();
    String reason = (String) request.getAttribute(ERROR_MESSAGE);
    Throwable cause = (Throwable) request.getAttribute(ERROR_EXCEPTION);
    if (cause instanceof HttpException http) {
      status = http.getCode();
      reason = reason == null ? http.getReason() : reason;
    }
    if (status < 400) {
      status = HttpStatus.INTERNAL_SERVER_ERROR_500;
    }
    response.setStatus(status);
    FailedRequest failed = new FailedRequest(request.getMethod(), request.getHttpURI().getPath());
    ErrorBody body = body(failed, status, reason, cause);
    if (status == HttpStatus.METHOD_NOT_ALLOWED_405
        && !response.getHeaders().contains(HttpHeader.ALLOW)) {
      response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", allowedMethods));
    }
    if (HttpStatus.hasNoBody(status) || "HEAD".equals(request.getMethod())) {
      callback.succeeded();
      return true;
    }
    byte[] bytes;
    try {
      bytes = json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      callback.failed(e);
      return true;
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, MimeTypes.Type.APPLICATION_JSON.asString());
    response.write(true, ByteBuffer.wrap(bytes), callback);
    return true;
  }

  private ErrorBody body(FailedRequest request, int status, String reason, Throwable cause) {
    if (status >= 500 && status != HttpStatus.SERVICE_UNAVAILABLE_503) {
      String id = ErrorResponses.logInternalError(request, cause);
      return ErrorBody.of("internal_error", "internal error (id " + id + ")", Map.of());
    }
    String code;
    String message;
    Map<String, ?> details = Map.of();
    switch (status) {
      case HttpStatus.BAD_REQUEST_400 -> {
        code = "bad_request";
        // Jetty's reasons for refusing a request are fixed phrases ("Ambiguous URI path
        // separator"), worth passing on.
        message =
            reason == null || reason.equalsIgnoreCase(HttpStatus.getMessage(status))
                ? "bad request"
                : "bad request: " + reason;
      }
      case HttpStatus.NOT_FOUND_404 -> {
        code = "not_found";
        message = "no such resource: " + request.path();
      }
      case HttpStatus.METHOD_NOT_ALLOWED_405 -> {
        code = "method_not_allowed";
        message = request.method() + " is not allowed on " + request.path();
        details = Map.of("allowed", allowedMethods);
      }
      case HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431 -> {
        code = "request_header_fields_too_large";
        message = "the request's headers are larger than this server accepts";
      }
      default -> {
        code = WebApplicationExceptionMapper.codeOf(status);
        message = HttpStatus.getMessage(status).toLowerCase(Locale.ROOT);
      }
    }
    ErrorResponses.log(request, status, code, message);
    return ErrorBody.of(code, message, details);
  }
}
