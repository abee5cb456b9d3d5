package dev.agenthub.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.testing.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** Plain HTTP against a running app, as curl would send it. */
public final class ApiTestClient {

  public static final String VIEWER = "viewer-key";
  public static final String OPERATOR = "operator-key";
  public static final String ADMIN = "admin-key";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  public ApiTestClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** A response with its body parsed as JSON (or null when empty / not JSON). */
  public record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    public String errorCode() {
      return body == null ? null : body.at("/error/code").asText(null);
    }
  }

  public Reply get(String path, String key) {
    return send(builder(path, key).GET().build());
  }

  public Reply post(String path, String key, String json) {
    return send(
        builder(path, key)
            .header("Content-Type", "application/json")
            .POST(
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  public HttpRequest.Builder builder(String path, String key) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (key != null) {
      builder.header("Authorization", "Bearer " + key);
    }
    return builder;
  }

  public Reply send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), parse(response.body()), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Polls {@code GET path} until {@code condition} holds, failing after {@code timeout}. */
  public JsonNode await(String path, Predicate<JsonNode> condition, Duration timeout) {
    return Poll.until(
            "GET " + path + " to meet the condition",
            timeout,
            () -> get(path, VIEWER),
            reply -> reply.status() == 200 && condition.test(reply.body()))
        .body();
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }
}
