package dev.agenthub.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Temporal requests of the platform's own clients (API and worker), by operation, from the
 * counter {@code temporal_request_total} on the admin {@code /metrics}. The SDK reports it every
 * second, so every read waits for a report first.
 */
final class TemporalRequests {

  private static final Pattern COUNTER =
      Pattern.compile(
          "(?m)^temporal_request_total\\{[^}]*operation=\"(\\w+)\"[^}]*} ([0-9.eE+-]+)$");

  private final HttpClient http;
  private final URI metrics;

  TemporalRequests(HttpClient http, URI metrics) {
    this.http = http;
    this.metrics = metrics;
  }

  /** Requests so far by operation, once the SDK's 1 s metrics report has surely run. */
  Map<String, Double> settled() throws IOException, InterruptedException {
    Thread.sleep(2_500);
    String text =
        http.send(
                HttpRequest.newBuilder(metrics).GET().build(), HttpResponse.BodyHandlers.ofString())
            .body();
    Map<String, Double> byOperation = new TreeMap<>();
    Matcher matcher = COUNTER.matcher(text);
    while (matcher.find()) {
      byOperation.merge(matcher.group(1), Double.parseDouble(matcher.group(2)), Double::sum);
    }
    return byOperation;
  }

  /** {@code after - before} per operation divided by {@code runs}, long polls left out. */
  static String perRun(Map<String, Double> before, Map<String, Double> after, int runs) {
    StringBuilder out = new StringBuilder();
    after.forEach(
        (operation, count) -> {
          double delta = count - before.getOrDefault(operation, 0.0);
          if (delta > 0 && !operation.startsWith("Poll")) {
            out.append(String.format(" %s %.2f", operation, delta / runs));
          }
        });
    return out.toString().trim();
  }
}
