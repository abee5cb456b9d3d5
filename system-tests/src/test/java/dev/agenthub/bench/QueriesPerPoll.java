package dev.agenthub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * How many {@code progress} queries (worker round trips, each a replay when the run is not cached)
 * one {@code GET /api/v1/runs/{id}} of a running run costs: runs of a pipeline that waits 2 s
 * between two steps are polled every 50 ms until they close, and the API's Temporal client counter
 * of {@code QueryWorkflow} requests ({@link TemporalRequests}) is read before and after.
 */
final class QueriesPerPoll {

  static final String PIPELINE = "bench-poll";

  static final String YAML =
      """
      name: bench-poll
      version: "1"
      description: A step, a 2 s wait, a step (the benchmark's polling check).
      steps:
        - id: before
          agent: transform
          with: {expression: "1"}
        - id: pause
          type: sleep
          needs: [before]
          with: {duration: 2s}
        - id: after
          agent: transform
          needs: [pause]
          with: {expression: "2"}
      """;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final PipelineRuns api;
  private final TemporalRequests requests;

  QueriesPerPoll(HttpClient http, PipelineRuns api, TemporalRequests requests) {
    this.http = http;
    this.api = api;
    this.requests = requests;
  }

  /** Polls {@code runs} runs to their end; returns "polls, queries, queries per poll". */
  String measure(int runs) throws IOException, InterruptedException {
    double before = queries();
    int polls = 0;
    for (int i = 0; i < runs; i++) {
      HttpResponse<String> started =
          http.send(
              api.request("pipelines/" + PIPELINE + "/runs")
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"input\":{}}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      String id = JSON.readTree(started.body()).path("workflowId").asText();
      String status = "running";
      while (status.equals("running")) {
        Thread.sleep(50);
        HttpResponse<String> run =
            http.send(
                api.request("runs/" + id).GET().build(), HttpResponse.BodyHandlers.ofString());
        status = JSON.readTree(run.body()).path("status").asText();
        if (status.equals("running")) {
          polls++;
        }
      }
    }
    double queries = queries() - before;
    return String.format(
        "%d polls of running runs, %.0f progress queries: %.2f queries per poll",
        polls, queries, polls == 0 ? 0 : queries / polls);
  }

  private double queries() throws IOException, InterruptedException {
    return requests.settled().getOrDefault("QueryWorkflow", 0.0);
  }
}
