package dev.agenthub.telemetry;

import static dev.agenthub.system.ApiTestClient.OPERATOR;
import static dev.agenthub.system.ApiTestClient.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.api.ApiConfiguration;
import dev.agenthub.system.ApiTestClient;
import dev.agenthub.system.ApiTestClient.Reply;
import dev.agenthub.system.DevApps;
import dev.agenthub.system.TestPorts;
import dev.agenthub.testing.Poll;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real telemetry bootstrap ({@code otel.*} properties, as {@code OTEL_*} variables would set
 * them) with its OTLP endpoint on a port nobody listens on: runs are unaffected, and the exporter
 * complains at most once a minute.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CollectorDownIT {

  private static final Map<String, String> OTEL =
      Map.of(
          "otel.exporter.otlp.endpoint", "http://127.0.0.1:" + TestPorts.free(),
          "otel.bsp.schedule.delay", "100",
          "otel.blrp.schedule.delay", "100");

  static {
    // Read when the application builds its telemetry; cleared after the class.
    OTEL.forEach(System::setProperty);
  }

  static final DropwizardAppExtension<ApiConfiguration> APP =
      new DropwizardAppExtension<>(DevApps.support(ResourceHelpers.resourceFilePath("api-it.yml")));

  @AfterAll
  static void clearProperties() {
    OTEL.keySet().forEach(System::clearProperty);
  }

  @Test
  void fiftyRuns_complete_whileNoCollectorListens() {
    ConcurrentLinkedQueue<LogRecord> complaints = new ConcurrentLinkedQueue<>();
    Handler counter =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()
                && String.valueOf(record.getLoggerName()).startsWith("io.opentelemetry")) {
              complaints.add(record);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger root = Logger.getLogger("");
    root.addHandler(counter);
    Instant begin = Instant.now();
    try {
      ApiTestClient api = new ApiTestClient(APP.getLocalPort());
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        Reply started = api.post("/api/v1/pipelines/quick/runs", OPERATOR, "{\"input\": {}}");
        assertThat(started.status()).isEqualTo(201);
        assertThat(started.raw().headers().firstValue("X-Trace-Id")).isPresent();
        ids.add(started.body().path("workflowId").asText());
      }
      for (String id : ids) {
        api.await(
            "/api/v1/runs/" + id,
            run -> run.path("status").asText().equals("succeeded"),
            Duration.ofSeconds(60));
      }
      // Export was attempted (and failed) meanwhile: wait for the first complaint.
      Poll.untilTrue(
          "the first complaint about the unreachable collector",
          Duration.ofSeconds(30),
          () -> {
            assertThat(api.get("/api/v1/runs/" + ids.get(0), VIEWER).status()).isEqualTo(200);
            return !complaints.isEmpty();
          });
      // Keep making spans for a few more export rounds: each fails, none may log again.
      Instant more = Instant.now().plusSeconds(3);
      Poll.untilTrue(
          "three more seconds of spans",
          Duration.ofSeconds(10),
          () -> {
            assertThat(api.get("/api/v1/runs/" + ids.get(0), VIEWER).status()).isEqualTo(200);
            return Instant.now().isAfter(more);
          });
    } finally {
      root.removeHandler(counter);
    }
    long minutes = Duration.between(begin, Instant.now()).toMinutes();
    // Each source (an exporter, a batch processor dropping what it cannot queue) speaks at most
    // once a minute.
    Map<String, Long> perLogger =
        complaints.stream()
            .collect(Collectors.groupingBy(LogRecord::getLoggerName, Collectors.counting()));
    assertThat(complaints).isNotEmpty();
    assertThat(perLogger.values())
        .as(
            "exporter complaints: %s",
            complaints.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList())
        .allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(1 + minutes));
  }
}
