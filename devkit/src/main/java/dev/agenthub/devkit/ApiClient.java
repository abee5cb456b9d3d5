package dev.agenthub.devkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.ArgumentGroup;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * The Agent Hub REST API as the operator commands call it: JSON in and out, with the key as a
 * bearer token. A refusal becomes a {@link CommandFailure} that carries the API's own message and
 * the exit code for its status.
 */
final class ApiClient {

  /** Where the API listens when neither {@code --url} nor {@code AGENTHUB_URL} says. */
  static final String DEFAULT_URL = "http://localhost:8080";

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http;
  private final String baseUrl;
  private final String key;
  private final ObjectMapper json;

  ApiClient(String baseUrl, String key, ObjectMapper json) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.key = key;
    this.json = json;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Adds {@code --url}, {@code --key} and {@code --json} to an operator command. */
  static void addOptions(Subparser parser) {
    ArgumentGroup api = parser.addArgumentGroup("API");
    api.addArgument("--url")
        .help("the API's base URL (default $AGENTHUB_URL, else " + DEFAULT_URL + ")");
    api.addArgument("--key")
        .help(
            "API key (default $AGENTHUB_KEY, else the dev key: $"
                + DevApiKey.ENV
                + " or "
                + DevApiKey.STATE_FILE
                + ")");
    api.addArgument("--json")
        .action(Arguments.storeTrue())
        .help("print the API's JSON instead of a table");
  }

  /**
   * The client the command line asks for: {@code --url}/{@code --key}, else the environment, else
   * the local dev server and its key.
   */
  static ApiClient from(Namespace namespace, Map<String, String> env, ObjectMapper json) {
    String url = firstOf(namespace.getString("url"), env.get("AGENTHUB_URL"), DEFAULT_URL);
    String key =
        firstOf(namespace.getString("key"), env.get("AGENTHUB_KEY"), env.get(DevApiKey.ENV));
    if (key == null) {
      Path file = Path.of(env.getOrDefault("AGENTHUB_HOME", ".")).resolve(DevApiKey.STATE_FILE);
      key = readKey(file);
    }
    return new ApiClient(url, key, json);
  }

  /** {@code GET path} (with its query), the answer's JSON. */
  JsonNode get(String path) {
    return send(request(path).GET().build());
  }

  /** {@code POST path} with {@code body} as JSON ({@code null}: no body), the answer's JSON. */
  JsonNode post(String path, Object body) {
    try {
      String text = body == null ? "" : json.writeValueAsString(body);
      return send(
          request(path)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(text))
              .build());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write request body", e);
    }
  }

  /**
   * Reads the Server-Sent Events of {@code GET path}, resuming after {@code lastEventId} when it is
   * not {@code null}, and passes each to {@code onEvent} until it answers {@code false} or the
   * server ends the stream.
   *
   * @return {@code true} when {@code onEvent} stopped the stream, {@code false} when the server
   *     ended it
   */
  boolean events(String path, String lastEventId, Predicate<ServerSentEvent> onEvent) {
    HttpRequest.Builder builder =
        request(path).header("Accept", "text/event-stream").header("Cache-Control", "no-cache");
    if (lastEventId != null) {
      builder.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<Stream<String>> response;
    try {
      response = http.send(builder.GET().build(), HttpResponse.BodyHandlers.ofLines());
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure(CommandFailure.FAILED, "interrupted");
    }
    try (Stream<String> lines = response.body()) {
      if (response.statusCode() >= 400) {
        throw refusal(response.statusCode(), parse(lines.collect(Collectors.joining("\n"))));
      }
      boolean[] stopped = {false};
      ServerSentEvent.Parser parser =
          new ServerSentEvent.Parser(event -> stopped[0] = stopped[0] || !onEvent.test(event));
      Iterator<String> it = lines.iterator();
      while (!stopped[0] && it.hasNext()) {
        parser.line(it.next());
      }
      return stopped[0];
    } catch (UncheckedIOException e) {
      throw unreachable(e.getCause());
    }
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(TIMEOUT)
            .header("Accept", "application/json");
    if (key != null) {
      builder.header("Authorization", "Bearer " + key);
    }
    return builder;
  }

  private JsonNode send(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure(CommandFailure.FAILED, "interrupted");
    }
    JsonNode body = parse(response.body());
    if (response.statusCode() >= 400) {
      throw refusal(response.statusCode(), body);
    }
    return body;
  }

  private CommandFailure unreachable(IOException e) {
    String why =
        e instanceof ConnectException || e.getMessage() == null
            ? "nothing answers there"
            : e.getMessage();
    return new CommandFailure(
        CommandFailure.FAILED,
        "cannot reach the Agent Hub API at "
            + baseUrl
            + " ("
            + why
            + "); start one with ./agenthub dev, or pass --url");
  }

  /** The API's own message ({@code {"error":{"message"}}}) with the exit code for its status. */
  private static CommandFailure refusal(int status, JsonNode body) {
    String message = body.path("error").path("message").asText("");
    if (message.isEmpty()) {
      message = "the API answered HTTP " + status;
    }
    int exitCode =
        switch (status) {
          case 401, 403 -> CommandFailure.AUTH;
          case 404 -> CommandFailure.NOT_FOUND;
          case 400, 422 -> CommandFailure.USAGE;
          default -> CommandFailure.FAILED;
        };
    return new CommandFailure(exitCode, message);
  }

  private JsonNode parse(String text) {
    try {
      return text.isBlank() ? json.createObjectNode() : json.readTree(text);
    } catch (JsonProcessingException e) {
      return json.createObjectNode();
    }
  }

  private static String readKey(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readString(file).strip() : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String firstOf(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }
}
