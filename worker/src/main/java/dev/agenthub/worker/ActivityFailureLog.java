package dev.agenthub.worker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Arrays;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/**
 * Shortens the Temporal SDK's WARN for each failed activity attempt ({@code Activity failure.
 * ActivityId=..., activityType=..., attempt=...} with a 20-line stack trace) to one WARN line that
 * ends with the cause, logged here; the stack trace goes to DEBUG on this class's logger. A step
 * that retries is expected behaviour, and its stack trace is mostly OkHttp and SDK frames.
 */
final class ActivityFailureLog extends TurboFilter {

  private static final String SDK_LOGGERS = "io.temporal.internal.activity.";
  private static final String SDK_FAILURE = "{} failure.";

  private static final org.slf4j.Logger log = LoggerFactory.getLogger(ActivityFailureLog.class);

  /** Adds the filter to Logback once; call after logging is configured (a reset removes it). */
  static synchronized void install() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    if (context.getTurboFilterList().stream().anyMatch(f -> f instanceof ActivityFailureLog)) {
      return;
    }
    ActivityFailureLog filter = new ActivityFailureLog();
    filter.setContext(context);
    filter.start();
    context.addTurboFilter(filter);
  }

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level != Level.WARN
        || format == null
        || !format.startsWith(SDK_FAILURE)
        || !logger.getName().startsWith(SDK_LOGGERS)
        || !Level.WARN.isGreaterOrEqual(logger.getEffectiveLevel())) {
      // Not ours, or silenced (run sets io.temporal to ERROR): Logback decides as usual.
      return FilterReply.NEUTRAL;
    }
    // SLF4J passes a trailing Throwable among the arguments; Logback hands it over as such.
    Object[] args = params == null ? new Object[0] : params;
    Throwable failure = t;
    if (failure == null && args.length > 0 && args[args.length - 1] instanceof Throwable last) {
      failure = last;
      args = Arrays.copyOf(args, args.length - 1);
    }
    if (failure == null) {
      return FilterReply.NEUTRAL;
    }
    String message = MessageFormatter.arrayFormat(format, args).getMessage();
    log.warn("{} Cause: {}", message, oneLine(failure));
    log.debug(message, failure);
    return FilterReply.DENY;
  }

  /** The failure's type and message, on one line. */
  static String oneLine(Throwable failure) {
    String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
    return text.replaceAll("\\s*\\R\\s*", " ");
  }
}
