package dev.agenthub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * The platform: {@code POST /api/v1/pipelines/{name}/runs}, then {@code GET
 * /api/v1/runs/{id}?wait=} until the run has closed (a long poll, as {@code getResultAsync} is for
 * the baseline).
 */
final class PipelineRuns implements RunLauncher {

  /** The pipeline: three {@code transform} steps of a constant, in sequence. */
  static final String PIPELINE = "bench-noop";

  static final String YAML =
      """
      name: bench-noop
      version: "1"
      description: Three no-op steps in sequence (the throughput benchmark).
      steps:
        - id: one
          agent: transform
          with: {expression: "1"}
        - id: two
          agent: transform
          needs: [one]
          with: {expression: "2"}
        - id: three
          agent: transform
          needs: [two]
          with: {expression: "3"}
      """;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI api;
  private final String key;

  PipelineRuns(HttpClient http, URI api, String key) {
    this.http = http;
    this.api = api;
    this.key = key;
  }

  @Override
  public String name() {
    return "pipeline via API";
  }

  @Override
  public CompletableFuture<Void> start() throws IOException, InterruptedException {
    HttpResponse<String> started =
        http.send(
            request("pipelines/" + PIPELINE + "/runs")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":{}}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (started.statusCode() / 100 != 2) {
      throw new IOException("start answered " + started.statusCode() + ": " + started.body());
    }
    String id = JSON.readTree(started.body()).path("workflowId").asText();
    return http.sendAsync(
            request("runs/" + id + "?wait=60s").GET().build(), HttpResponse.BodyHandlers.ofString())
        .thenApply(response -> succeeded(id, response));
  }

  /** A request to {@code path} under {@code /api/v1/}, with the key. */
  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(api.resolve("/api/v1/" + path))
        .header("Authorization", "Bearer " + key);
  }

  private static Void succeeded(String id, HttpResponse<String> response) {
    try {
      JsonNode run = JSON.readTree(response.body());
      if (response.statusCode() != 200 || !"succeeded".equals(run.path("status").asText())) {
        throw new IllegalStateException(
            "run " + id + " answered " + response.statusCode() + ": " + response.body());
      }
      return null;
    } catch (IOException e) {
      throw new IllegalStateException("run " + id + ": unreadable answer", e);
    }
  }
}
