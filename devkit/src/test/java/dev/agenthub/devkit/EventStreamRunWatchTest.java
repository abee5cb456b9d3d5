package dev.agenthub.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code runs follow} on the event stream, against a local HTTP server that speaks the API's view
 * and Server-Sent Events routes: one view read per event, no polling, resumption after the last
 * event id, and polling only where the API has no stream.
 */
class EventStreamRunWatchTest {

  private static final String RUN = "/api/v1/runs/r1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpServer server;
  private final AtomicInteger viewReads = new AtomicInteger();
  private final AtomicInteger stage = new AtomicInteger();
  private final List<String> lastEventIds = new CopyOnWriteArrayList<>();
  private final Semaphore viewed = new Semaphore(0);

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    // A thread per exchange: the event stream stays open while the view is read beside it.
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        RUN,
        exchange -> {
          if (exchange.getRequestURI().getPath().equals(RUN)) {
            viewReads.incrementAndGet();
            respond(exchange, 200, "application/json", view(stage.get()));
            viewed.release();
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void follow_readsTheViewOncePerEvent_untilTheRunCloses() {
    serveEvents(
        (exchange, out) -> {
          event(out, 5, "step_started");
          out.write(": waiting\n\n".getBytes(StandardCharsets.UTF_8));
          event(out, 7, "step_succeeded");
          event(out, 9, "run_closed");
        });
    List<JsonNode> seen = new ArrayList<>();

    JsonNode closed = watch(unusedFallback()).follow("r1", seen::add);

    assertThat(closed.path("status").asText()).isEqualTo("succeeded");
    assertThat(seen)
        .extracting(v -> v.path("status").asText())
        .containsExactly("running", "running", "succeeded");
    assertThat(viewReads).hasValue(4);
    assertThat(lastEventIds).containsExactly("none");
  }

  @Test
  void follow_resumesAfterTheLastEvent_whenTheServerEndsTheStreamEarly() {
    AtomicInteger connections = new AtomicInteger();
    serveEvents(
        (exchange, out) -> {
          if (connections.incrementAndGet() == 1) {
            event(out, 5, "step_started");
          } else {
            event(out, 9, "run_closed");
          }
        });

    JsonNode closed = watch(unusedFallback()).follow("r1", view -> {});

    assertThat(closed.path("status").asText()).isEqualTo("succeeded");
    assertThat(lastEventIds).containsExactly("none", "5");
  }

  @Test
  void follow_pollsInstead_whenTheApiHasNoEventStream() {
    server.createContext(
        RUN + "/events", exchange -> respond(exchange, 404, "application/json", "{}"));
    AtomicInteger fallbacks = new AtomicInteger();
    RunWatch polling =
        (id, onChange) -> {
          fallbacks.incrementAndGet();
          stage.set(2);
          return JSON.valueToTree(Map.of("status", "succeeded", "closedAt", "now"));
        };

    JsonNode closed = watch(polling).follow("r1", view -> {});

    assertThat(fallbacks).hasValue(1);
    assertThat(closed.path("status").asText()).isEqualTo("succeeded");
  }

  private interface Events {
    void write(HttpExchange exchange, OutputStream out) throws IOException;
  }

  private void serveEvents(Events events) {
    server.createContext(
        RUN + "/events",
        exchange -> {
          String lastEventId = exchange.getRequestHeaders().getFirst("Last-Event-ID");
          lastEventIds.add(lastEventId == null ? "none" : lastEventId);
          viewed.drainPermits();
          exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream out = exchange.getResponseBody()) {
            events.write(exchange, out);
          }
        });
  }

  /**
   * Moves the run on, as the history the event came from did, writes the event, and waits until the
   * client has read the view it prompts (so that each view read sees one stage).
   */
  private void event(OutputStream out, long id, String type) throws IOException {
    stage.set(type.equals("run_closed") ? 2 : 1);
    String event = "id: " + id + "\nevent: " + type + "\ndata: {\"type\":\"" + type + "\"}\n\n";
    out.write(event.getBytes(StandardCharsets.UTF_8));
    out.flush();
    try {
      assertThat(viewed.tryAcquire(10, TimeUnit.SECONDS)).as("the client read the view").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private EventStreamRunWatch watch(RunWatch fallback) {
    ApiClient api = new ApiClient("http://127.0.0.1:" + server.getAddress().getPort(), "key", JSON);
    return new EventStreamRunWatch(api, fallback);
  }

  private static RunWatch unusedFallback() {
    return (id, onChange) -> {
      throw new AssertionError("the event stream was there; nothing should poll");
    };
  }

  private static String view(int stage) {
    return switch (stage) {
      case 0 -> "{\"status\":\"running\",\"steps\":[]}";
      case 1 -> "{\"status\":\"running\",\"steps\":[{\"id\":\"a\",\"status\":\"running\"}]}";
      default ->
          "{\"status\":\"succeeded\",\"closedAt\":\"2026-11-30T00:00:00Z\","
              + "\"steps\":[{\"id\":\"a\",\"status\":\"succeeded\"}]}";
    };
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
