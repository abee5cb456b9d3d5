package dev.agenthub.api.observability;

import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesGetter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/** Reads HTTP semantic-convention attributes and propagation headers off servlet requests. */
final class ServletAttributes
    implements HttpServerAttributesGetter<HttpServletRequest, HttpServletResponse> {

  private static final Pattern SECRET_PARAMETER =
      Pattern.compile("(?i)([^&=]*(?:token|key|secret|password|auth|sig)[^&=]*)=[^&]*");

  static final TextMapGetter<HttpServletRequest> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpServletRequest request) {
          return Collections.list(request.getHeaderNames());
        }

        @Override
        public String get(HttpServletRequest request, String key) {
          return request == null ? null : request.getHeader(key);
        }
      };

  @Override
  public String getHttpRequestMethod(HttpServletRequest request) {
    return request.getMethod();
  }

  @Override
  public List<String> getHttpRequestHeader(HttpServletRequest request, String name) {
    return Collections.list(request.getHeaders(name));
  }

  @Override
  public Integer getHttpResponseStatusCode(
      HttpServletRequest request, HttpServletResponse response, Throwable error) {
    return response == null ? null : response.getStatus();
  }

  @Override
  public List<String> getHttpResponseHeader(
      HttpServletRequest request, HttpServletResponse response, String name) {
    return response == null ? List.of() : List.copyOf(response.getHeaders(name));
  }

  @Override
  public String getUrlScheme(HttpServletRequest request) {
    return request.getScheme();
  }

  @Override
  public String getUrlPath(HttpServletRequest request) {
    return request.getRequestURI();
  }

  @Override
  public String getUrlQuery(HttpServletRequest request) {
    String query = request.getQueryString();
    // Credentials never belong in a query (the API rejects them), but keep them out of traces too.
    return query == null ? null : SECRET_PARAMETER.matcher(query).replaceAll("$1=REDACTED");
  }

  @Override
  public String getNetworkProtocolName(HttpServletRequest request, HttpServletResponse response) {
    String protocol = request.getProtocol();
    return protocol != null && protocol.startsWith("HTTP/") ? "http" : null;
  }

  @Override
  public String getNetworkProtocolVersion(
      HttpServletRequest request, HttpServletResponse response) {
    String protocol = request.getProtocol();
    return protocol != null && protocol.startsWith("HTTP/") ? protocol.substring(5) : null;
  }

  @Override
  public String getNetworkPeerAddress(HttpServletRequest request, HttpServletResponse response) {
    return request.getRemoteAddr();
  }

  @Override
  public Integer getNetworkPeerPort(HttpServletRequest request, HttpServletResponse response) {
    return request.getRemotePort();
  }
}
