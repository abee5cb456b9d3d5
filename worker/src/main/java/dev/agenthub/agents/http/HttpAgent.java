package dev.agenthub.agents.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.agents.Agent;
import dev.agenthub.agents.AgentCall;
import dev.agenthub.agents.AgentException;
import dev.agenthub.agents.AgentResult;
import dev.agenthub.agents.BuiltInAgentSpecs;
import dev.agenthub.agents.Durations;
import dev.agenthub.agents.HttpBodies;
import dev.agenthub.agents.TracedHttp;
import dev.agenthub.cost.Usage;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The {@code http} agent: one HTTP request. Arguments: {@code url} (http or https), {@code method}
 * (GET), {@code headers}, {@code body} (JSON, or a string sent as text), {@code expectedStatus} (an
 * int or a list; any 2xx by default), {@code timeout} (30s, and never longer than the step's
 * attempt has left). Output: {@code {status, headers, body}}, the body parsed when it is JSON.
 *
 * <p>Every connection, redirects included, is subject to the worker's {@link EgressPolicy}; a
 * refusal fails the step {@code AgentEgressDenied}, not retried.
 */
public final class HttpAgent implements Agent {

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  private static final long MAX_RESPONSE_BYTES = 1024L * 1024;
  private static final List<String> KEPT_HEADERS =
      List.of("content-type", "content-length", "location", "etag", "last-modified", "retry-after");

  private static final Set<String> BODY_REQUIRED = Set.of("POST", "PUT", "PATCH");

  private final Call.Factory http;
  private final EgressPolicy egress;

  /** An agent calling through {@code http}, restricted by {@code egress}, without tracing. */
  public HttpAgent(OkHttpClient http, EgressPolicy egress) {
    this(http, egress, TracedHttp.of(io.opentelemetry.api.OpenTelemetry.noop()));
  }

  /**
   * An agent calling through {@code http}, restricted by {@code egress}, traced by {@code tracing}.
   */
  public HttpAgent(OkHttpClient http, EgressPolicy egress, TracedHttp tracing) {
    this.egress = requireNonNull(egress, "egress");
    // The per-call timeout bounds the whole exchange; no separate read limit.
    this.http =
        tracing.calls(egress.enforceOn(http).newBuilder().readTimeout(Duration.ZERO).build());
  }

  @Override
  public String name() {
    return BuiltInAgentSpecs.HTTP.name();
  }

  @Override
  public AgentResult run(AgentCall call) throws Exception {
    JsonNode args = call.arguments();
    HttpUrl url = url(args);
    String method = args.path("method").asText("GET").trim().toUpperCase(Locale.ROOT);
    IntPredicate expected = expectedStatus(args.get("expectedStatus"));
    Request request = request(url, method, args, call.request().idempotencyKey());
    Duration timeout = Durations.timeoutArgument(args, "timeout", DEFAULT_TIMEOUT);
    String target = method + " " + redacted(url);
    try {
      egress.checkUrl(url);
    } catch (EgressDeniedException e) {
      throw AgentException.egressDenied(target + ": " + e.getMessage());
    }
    try (Response response = call.control().execute(http.newCall(request), timeout)) {
      String text;
      try {
        text = HttpBodies.readText(response.body(), MAX_RESPONSE_BYTES);
      } catch (HttpBodies.ResponseTooLargeException e) {
        throw AgentException.clientError(target + ": " + e.getMessage());
      }
      if (!expected.test(response.code())) {
        throw AgentException.forStatus(
            response.code(),
            target
                + " answered HTTP "
                + response.code()
                + " (not expected): "
                + HttpBodies.errorSnippet(text));
      }
      return AgentResult.of(output(response, text), Usage.NONE);
    } catch (IOException e) {
      EgressDeniedException denied = EgressDeniedException.findIn(e);
      if (denied != null) {
        throw AgentException.egressDenied(target + ": " + denied.getMessage());
      }
      throw AgentException.remoteError(
          target
              + " failed: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
    }
  }

  private static HttpUrl url(JsonNode args) throws AgentException {
    JsonNode value = args.get("url");
    HttpUrl url = value != null && value.isTextual() ? HttpUrl.parse(value.textValue()) : null;
    if (url == null) {
      throw AgentException.configError("argument `url` must be an absolute http or https URL");
    }
    return url;
  }

  /** The URL without query and credentials, which may hold secrets. */
  private static String redacted(HttpUrl url) {
    return url.newBuilder().username("").password("").query(null).fragment(null).build().toString();
  }

  private static Request request(HttpUrl url, String method, JsonNode args, String idempotencyKey)
      throws AgentException, IOException {
    Request.Builder request = new Request.Builder().url(url);
    Set<String> given = new HashSet<>();
    MediaType contentType = null;
    JsonNode headers = args.get("headers");
    if (headers != null && !headers.isNull()) {
      if (!headers.isObject()) {
        throw AgentException.configError("argument `headers` must be a map of names to values");
      }
      for (Map.Entry<String, JsonNode> header : headers.properties()) {
        String value =
            header.getValue().isValueNode()
                ? header.getValue().asText()
                : header.getValue().toString();
        try {
          request.addHeader(header.getKey(), value);
        } catch (IllegalArgumentException e) {
          throw AgentException.configError(
              "argument `headers` has an invalid header name or value");
        }
        given.add(header.getKey().toLowerCase(Locale.ROOT));
        if (header.getKey().equalsIgnoreCase("Content-Type")) {
          contentType = MediaType.parse(value);
        }
      }
    }
    if (idempotencyKey != null && !given.contains("idempotency-key")) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    RequestBody body = body(args.get("body"), contentType);
    if (body != null && (method.equals("GET") || method.equals("HEAD"))) {
      throw AgentException.configError("method " + method + " cannot send a `body`");
    }
    if (body == null && BODY_REQUIRED.contains(method)) {
      body = RequestBody.create(new byte[0], contentType);
    }
    try {
      return request.method(method, body).build();
    } catch (IllegalArgumentException e) {
      throw AgentException.configError("argument `method`: " + e.getMessage());
    }
  }

  private static RequestBody body(JsonNode body, MediaType contentType) throws IOException {
    if (body == null || body.isNull()) {
      return null;
    }
    if (body.isTextual()) {
      return RequestBody.create(
          body.textValue(),
          contentType != null ? contentType : MediaType.get("text/plain; charset=utf-8"));
    }
    byte[] json = HttpBodies.JSON.writeValueAsBytes(body);
    return RequestBody.create(json, contentType != null ? contentType : HttpBodies.JSON_TYPE);
  }

  private static IntPredicate expectedStatus(JsonNode value) throws AgentException {
    if (value == null || value.isNull()) {
      return status -> status >= 200 && status < 300;
    }
    Set<Integer> statuses = new HashSet<>();
    Iterable<JsonNode> candidates = value.isArray() ? value : List.of(value);
    for (JsonNode status : candidates) {
      if (!status.canConvertToInt() || status.asInt() < 100 || status.asInt() > 599) {
        throw AgentException.configError(
            "argument `expectedStatus` must be an HTTP status or a list of them");
      }
      statuses.add(status.asInt());
    }
    return statuses::contains;
  }

  private static ObjectNode output(Response response, String text) {
    ObjectNode output = HttpBodies.JSON.createObjectNode().put("status", response.code());
    ObjectNode headers = output.putObject("headers");
    for (String name : KEPT_HEADERS) {
      String value = response.header(name);
      if (value != null) {
        headers.put(name, value);
      }
    }
    if (text.isEmpty()) {
      output.putNull("body");
    } else if (HttpBodies.isJson(response.body().contentType())) {
      try {
        output.set("body", HttpBodies.JSON.readTree(text));
      } catch (IOException notJson) {
        output.put("body", text);
      }
    } else {
      output.put("body", text);
    }
    return output;
  }
}
