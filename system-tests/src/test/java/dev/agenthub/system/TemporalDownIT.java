package dev.agenthub.system;

import static dev.agenthub.system.ApiTestClient.ADMIN;
import static dev.agenthub.system.ApiTestClient.OPERATOR;
import static dev.agenthub.system.ApiTestClient.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.api.ApiConfiguration;
import dev.agenthub.devkit.AgentHubMain;
import dev.agenthub.devkit.EmbeddedTemporalServer;
import dev.agenthub.system.ApiTestClient.Reply;
import dev.agenthub.testing.Poll;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With Temporal unreachable (nothing listens) or hung (it accepts connections and never answers),
 * every route that needs Temporal answers 503 {@code temporal_unavailable} with {@code Retry-After}
 * within 3 s, the health check says so within 3 s, and routes that need no Temporal still work;
 * when Temporal comes back the same API process serves again, without a restart.
 */
class TemporalDownIT {

  /** What a client waiting for a 503 may be kept waiting at most. */
  static final Duration MAX_LATENCY = Duration.ofSeconds(3);

  private static final String ALERT =
      """
      {"version": "4", "groupKey": "{}:{alertname=\\"Down\\"}", "status": "firing",
       "receiver": "agenthub", "groupLabels": {}, "commonLabels": {"alertname": "Down"},
       "commonAnnotations": {}, "externalURL": "http://alertmanager",
       "alerts": [{"status": "firing", "labels": {"alertname": "Down"}, "annotations": {},
                   "startsAt": "2026-11-30T10:00:00Z", "generatorURL": "http://prometheus"}]}
      """;

  /** Every route that talks to Temporal, as a request on a given API. */
  private static final List<Route> TEMPORAL_ROUTES =
      List.of(
          Route.get("list runs", "/api/v1/runs", VIEWER),
          Route.get("list timed-out runs", "/api/v1/runs?status=timed_out", VIEWER),
          Route.get("describe", "/api/v1/runs/some-run", VIEWER),
          Route.get("history", "/api/v1/runs/some-run/history", VIEWER),
          Route.get("raw history", "/api/v1/runs/some-run/history?format=temporal", OPERATOR),
          Route.post("start", "/api/v1/pipelines/quick/runs", OPERATOR, "{}"),
          Route.post(
              "start with idempotency key",
              "/api/v1/pipelines/quick/runs",
              OPERATOR,
              "{\"input\": {}}",
              "Idempotency-Key",
              "down-1"),
          Route.post("cancel", "/api/v1/runs/some-run/cancel", OPERATOR, ""),
          Route.post("terminate", "/api/v1/runs/some-run/terminate", ADMIN, "{\"reason\": \"x\"}"),
          Route.post("approve", "/api/v1/runs/some-run/steps/review/approve", OPERATOR, "{}"),
          Route.post("reject", "/api/v1/runs/some-run/steps/review/reject", OPERATOR, "{}"),
          Route.post("retry", "/api/v1/runs/some-run/retry", OPERATOR, ""),
          Route.post("rerun", "/api/v1/runs/some-run/rerun", OPERATOR, ""),
          Route.post(
              "alerts webhook",
              "/api/v1/alerts",
              null,
              ALERT,
              "Authorization",
              "Bearer alerts-token"));

  /** What a test started, closed last-started first. */
  private final Deque<AutoCloseable> toClose = new ArrayDeque<>();

  @AfterEach
  void closeEverything() throws Exception {
    while (!toClose.isEmpty()) {
      toClose.pop().close();
    }
  }

  @Test
  void everyRoute_answers503WithRetryAfterWithin3s_whenNothingListens() {
    DropwizardTestSupport<ApiConfiguration> app = api(TestPorts.free());

    assertEveryTemporalRouteAnswers503Fast(app);
    assertHealthcheckSaysTemporalDown(app);
  }

  @Test
  void everyRoute_answers503WithRetryAfterWithin3s_whenTemporalHangs() throws IOException {
    Blackhole hung = new Blackhole();
    toClose.push(hung);
    DropwizardTestSupport<ApiConfiguration> app = api(hung.port());

    assertEveryTemporalRouteAnswers503Fast(app);
    assertHealthcheckSaysTemporalDown(app);
    assertThat(hung.connections()).as("the API really reached the hung server").isPositive();
  }

  @Test
  void api_servesAgainWithoutRestart_whenTemporalComesBack() {
    int port = TestPorts.free();
    EmbeddedTemporalServer temporal = EmbeddedTemporalServer.startOn(port);
    DropwizardTestSupport<ApiConfiguration> app = api(port);
    ApiTestClient api = new ApiTestClient(app.getLocalPort());
    // The connection is made on first use; on a busy machine the first answer may be a 503.
    Poll.untilTrue(
        "the API lists runs",
        Duration.ofSeconds(30),
        () -> api.get("/api/v1/runs", VIEWER).status() == 200);

    temporal.close();
    assertEveryTemporalRouteAnswers503Fast(app);
    assertHealthcheckSaysTemporalDown(app);

    temporal = EmbeddedTemporalServer.startOn(port);
    toClose.push(temporal);
    Poll.untilTrue(
        "the API lists runs again after Temporal came back",
        Duration.ofSeconds(30),
        () -> api.get("/api/v1/runs", VIEWER).status() == 200);
    Reply started = api.post("/api/v1/pipelines/quick/runs", OPERATOR, "{}");
    assertThat(started.status()).as(started.raw().body()).isEqualTo(201);
    Reply history =
        api.get("/api/v1/runs/" + started.body().get("workflowId").asText() + "/history", VIEWER);
    assertThat(history.status()).as(history.raw().body()).isEqualTo(200);
    Reply health = new ApiTestClient(app.getAdminPort()).get("/healthcheck", null);
    assertThat(health.body().at("/temporal/healthy").asBoolean()).isTrue();
  }

  private void assertEveryTemporalRouteAnswers503Fast(DropwizardTestSupport<ApiConfiguration> app) {
    ApiTestClient api = new ApiTestClient(app.getLocalPort());
    // Served without Temporal; the first request also warms the JVM, which is not what is timed.
    assertThat(api.get("/api/v1/pipelines", VIEWER).status()).isEqualTo(200);
    // All routes at once, each timed from its own send: a request waiting out its budget must not
    // hold up the others (and the test waits one budget, not one per route).
    ExecutorService clients = Executors.newFixedThreadPool(TEMPORAL_ROUTES.size());
    List<TimedReply> replies;
    try {
      List<CompletableFuture<TimedReply>> inFlight = new ArrayList<>();
      for (Route route : TEMPORAL_ROUTES) {
        inFlight.add(CompletableFuture.supplyAsync(() -> TimedReply.of(api, route), clients));
      }
      replies = inFlight.stream().map(CompletableFuture::join).toList();
    } finally {
      clients.shutdownNow();
    }
    List<String> latencies = new ArrayList<>();
    for (TimedReply timed : replies) {
      Route route = timed.route();
      Reply reply = timed.reply();
      Duration took = timed.took();
      latencies.add(route.name() + " " + took.toMillis() + " ms");
      assertThat(reply.status()).as(route.name() + ": " + reply.raw().body()).isEqualTo(503);
      assertThat(reply.errorCode()).as(route.name()).isEqualTo("temporal_unavailable");
      assertThat(reply.raw().headers().firstValue("Retry-After")).as(route.name()).hasValue("5");
      assertThat(took).as(route.name() + " latency").isLessThan(MAX_LATENCY);
    }
    System.out.println("TemporalDownIT latencies: " + String.join(", ", latencies));
    assertThat(api.get("/api/v1/openapi.json", null).status()).isEqualTo(200);
  }

  private static void assertHealthcheckSaysTemporalDown(
      DropwizardTestSupport<ApiConfiguration> app) {
    long started = System.nanoTime();
    Reply health = new ApiTestClient(app.getAdminPort()).get("/healthcheck", null);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    System.out.println("TemporalDownIT healthcheck " + took.toMillis() + " ms");
    assertThat(took).as("healthcheck latency").isLessThan(MAX_LATENCY);
    assertThat(health.status()).isEqualTo(500);
    assertThat(health.body().at("/temporal/healthy").asBoolean()).isFalse();
    assertThat(health.body().at("/pipelines/healthy").asBoolean()).isTrue();
  }

  private DropwizardTestSupport<ApiConfiguration> api(int temporalPort) {
    DropwizardTestSupport<ApiConfiguration> app =
        new DropwizardTestSupport<>(
            AgentHubMain.class,
            ResourceHelpers.resourceFilePath("api-down.yml"),
            ConfigOverride.config("temporal.target", "127.0.0.1:" + temporalPort));
    try {
      app.before();
    } catch (Exception e) {
      throw new IllegalStateException("the API did not start", e);
    }
    toClose.push(app::after);
    return app;
  }

  /** A route's reply and how long it took from its own send. */
  private record TimedReply(Route route, Reply reply, Duration took) {

    static TimedReply of(ApiTestClient api, Route route) {
      long started = System.nanoTime();
      Reply reply = api.send(route.request().apply(api));
      return new TimedReply(route, reply, Duration.ofNanos(System.nanoTime() - started));
    }
  }

  private record Route(String name, Function<ApiTestClient, HttpRequest> request) {

    static Route get(String name, String path, String key) {
      return new Route(name, api -> api.builder(path, key).GET().build());
    }

    static Route post(String name, String path, String key, String json, String... headers) {
      return new Route(
          name,
          api -> {
            HttpRequest.Builder builder =
                api.builder(path, key)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json));
            for (int i = 0; i + 1 < headers.length; i += 2) {
              builder.header(headers[i], headers[i + 1]);
            }
            return builder.build();
          });
    }
  }

  /** A "Temporal" that accepts connections and never says a word, as a hung frontend does. */
  private static final class Blackhole implements AutoCloseable {

    private final ServerSocket socket;
    private final List<Socket> accepted = new ArrayList<>();
    private final Thread acceptor;

    Blackhole() throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      acceptor = new Thread(this::acceptForever, "blackhole");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    synchronized int connections() {
      return accepted.size();
    }

    private void acceptForever() {
      try {
        while (!socket.isClosed()) {
          Socket connection = socket.accept();
          synchronized (this) {
            accepted.add(connection);
          }
        }
      } catch (IOException closed) {
        // close() ends the loop
      }
    }

    @Override
    public synchronized void close() {
      try {
        socket.close();
        for (Socket connection : accepted) {
          connection.close();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
