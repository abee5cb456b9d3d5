package dev.agenthub.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class ExportErrorThrottleTest {

  @Test
  void dropTraceWhenUnreachable_logsTheCauseInOneLine_whenTheCollectorIsDown() {
    LogRecord record =
        new LogRecord(Level.SEVERE, "Failed to export spans. The request could not be executed.");
    record.setThrown(
        new IOException(
            "boom", new ConnectException("Failed to connect to localhost/127.0.0.1:4317")));

    ExportErrorThrottle.dropTraceWhenUnreachable(record);

    assertThat(record.getThrown()).isNull();
    assertThat(record.getMessage())
        .startsWith("Failed to export spans.")
        .contains("Collector unreachable: java.net.ConnectException: Failed to connect to")
        .doesNotContain("\n");
  }

  @Test
  void dropTraceWhenUnreachable_keepsTheTrace_forOtherFailures() {
    LogRecord record = new LogRecord(Level.SEVERE, "Failed to export spans.");
    IllegalStateException other = new IllegalStateException("bad certificate");
    record.setThrown(other);

    ExportErrorThrottle.dropTraceWhenUnreachable(record);

    assertThat(record.getThrown()).isSameAs(other);
    assertThat(record.getMessage()).isEqualTo("Failed to export spans.");
  }
}
