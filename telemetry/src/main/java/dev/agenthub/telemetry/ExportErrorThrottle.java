package dev.agenthub.telemetry;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Lets the OTLP exporters log a failure at most once a minute each. When no collector listens,
 * every batch fails; the SDK's own throttling still lets five messages a minute through, which is
 * noise when the cause is simply "collector down". A failure to reach the collector at all is
 * logged as one line naming the cause, without the exporter's stack trace. Runs are never affected
 * by export failures: the exporters work on their own threads with bounded queues.
 */
final class ExportErrorThrottle implements Filter {

  /** The java.util.logging loggers the exporters log failures on. */
  private static final List<String> EXPORTER_LOGGERS =
      List.of(
          "io.opentelemetry.exporter.otlp.internal.GrpcExporter",
          "io.opentelemetry.exporter.otlp.internal.HttpExporter",
          // Where releases before 1.6x kept them:
          "io.opentelemetry.exporter.internal.grpc.GrpcExporter",
          "io.opentelemetry.exporter.internal.http.HttpExporter",
          "io.opentelemetry.sdk.trace.export.BatchSpanProcessor",
          "io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor");

  private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  // Strong references: java.util.logging keeps loggers only weakly, and with them their filters.
  private static final List<Logger> throttled =
      EXPORTER_LOGGERS.stream().map(Logger::getLogger).toList();

  private final ConcurrentHashMap<String, Long> lastLogged = new ConcurrentHashMap<>();

  private ExportErrorThrottle() {}

  static synchronized void install() {
    for (Logger logger : throttled) {
      if (!(logger.getFilter() instanceof ExportErrorThrottle)) {
        logger.setFilter(new ExportErrorThrottle());
      }
    }
  }

  @Override
  public boolean isLoggable(LogRecord record) {
    if (record.getLevel().intValue() < Level.WARNING.intValue()) {
      return true;
    }
    long now = System.nanoTime();
    String key = String.valueOf(record.getLoggerName());
    Long previous = lastLogged.get(key);
    if (previous != null && now - previous < INTERVAL_NANOS) {
      return false;
    }
    boolean first =
        previous == null
            ? lastLogged.putIfAbsent(key, now) == null
            : lastLogged.replace(key, previous, now);
    if (first) {
      dropTraceWhenUnreachable(record);
    }
    return first;
  }

  /**
   * An unreachable collector is a configuration fact, not a bug: the cause's message says all (the
   * stack trace would be 20 lines of OkHttp and gRPC internals).
   */
  static void dropTraceWhenUnreachable(LogRecord record) {
    Throwable unreachable = unreachableCause(record.getThrown());
    if (unreachable != null) {
      record.setMessage(
          record.getMessage()
              + " Collector unreachable: "
              + unreachable
              + " (logged at most once a minute)");
      record.setThrown(null);
    }
  }

  private static Throwable unreachableCause(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException) {
        return t;
      }
    }
    return null;
  }
}
