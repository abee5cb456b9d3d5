package dev.agenthub.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck.Result;
import com.uber.m3.tally.NoopScope;
import dev.agenthub.devkit.EmbeddedTemporalServer;
import dev.agenthub.system.TestPorts;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemporalHealthCheckTest {

  @Test
  void check_isHealthy_whenTheFrontendAnswers() throws IOException {
    try (EmbeddedTemporalServer server = EmbeddedTemporalServer.startOn(TestPorts.free());
        TemporalConnection connection = connect(server.port())) {
      Result result = new TemporalHealthCheck(connection.stubs()).execute();

      assertThat(result.isHealthy()).as(result.getMessage()).isTrue();
      assertThat(result.getMessage()).startsWith("Temporal frontend answers");
    }
  }

  @Test
  void check_isUnhealthyWithinTheDeadline_whenNothingListens() throws IOException {
    try (TemporalConnection connection = connect(TestPorts.free())) {
      long started = System.nanoTime();
      Result result = new TemporalHealthCheck(connection.stubs()).execute();
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(result.isHealthy()).isFalse();
      // Refused at once (UNAVAILABLE), or on a loaded machine the deadline comes first.
      assertThat(result.getMessage())
          .matches("Temporal frontend unreachable: (UNAVAILABLE|DEADLINE_EXCEEDED).*");
      assertThat(took).isLessThan(TemporalHealthCheck.DEFAULT_DEADLINE.plusSeconds(1));
    }
  }

  @Test
  void check_isUnhealthyAtTheDeadline_whenTheServerHangs() throws IOException {
    // A socket that accepts connections but never speaks HTTP/2.
    try (ServerSocket silent = new ServerSocket(0);
        TemporalConnection connection = connect(silent.getLocalPort())) {
      long started = System.nanoTime();
      Result result = new TemporalHealthCheck(connection.stubs(), Duration.ofMillis(500)).execute();
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(result.isHealthy()).isFalse();
      assertThat(result.getMessage()).contains("DEADLINE_EXCEEDED");
      assertThat(took).isLessThan(Duration.ofSeconds(2));
    }
  }

  private static TemporalConnection connect(int port) {
    return TemporalConnection.open(
        TemporalSettings.defaults().withTarget("127.0.0.1:" + port), new NoopScope(), List.of());
  }
}
