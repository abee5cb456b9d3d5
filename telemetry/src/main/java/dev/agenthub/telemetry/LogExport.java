package dev.agenthub.telemetry;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import io.opentelemetry.api.OpenTelemetry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Connects Logback to OpenTelemetry: every appender already on the root logger is wrapped so that
 * its events carry {@code trace_id} and {@code span_id} in their MDC (the JSON layouts print them),
 * and an appender sending each event as an OTLP log record (with its MDC as attributes, so {@code
 * workflow_id}, {@code pipeline}, {@code step} reach Loki) is added.
 *
 * <p>Installed after logging is configured: Dropwizard configures it from YAML before {@code
 * run()}, the worker from {@code logback.xml} at startup.
 */
final class LogExport {

  static final String OTLP_APPENDER = "OTEL_LOGS";
  static final String CORRELATING_PREFIX = "OTEL_MDC_";

  private LogExport() {}

  static synchronized void install(OpenTelemetry openTelemetry) {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      return;
    }
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    addTraceIdsToMdc(context, root);
    Appender<ILoggingEvent> previous = root.getAppender(OTLP_APPENDER);
    if (previous != null) {
      root.detachAppender(previous);
      previous.stop();
    }
    var otlp = new io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender();
    otlp.setName(OTLP_APPENDER);
    otlp.setContext(context);
    otlp.setCaptureMdcAttributes("*");
    otlp.setOpenTelemetry(openTelemetry);
    otlp.start();
    root.addAppender(otlp);
  }

  static synchronized void uninstall(OpenTelemetry openTelemetry) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Appender<ILoggingEvent> otlp = root.getAppender(OTLP_APPENDER);
    if (otlp != null) {
      root.detachAppender(otlp);
      otlp.stop();
    }
  }

  private static void addTraceIdsToMdc(LoggerContext context, ch.qos.logback.classic.Logger root) {
    List<Appender<ILoggingEvent>> plain = new ArrayList<>();
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      Appender<ILoggingEvent> appender = it.next();
      String name = String.valueOf(appender.getName());
      if (!name.startsWith(CORRELATING_PREFIX) && !name.equals(OTLP_APPENDER)) {
        plain.add(appender);
      }
    }
    for (Appender<ILoggingEvent> appender : plain) {
      var correlating =
          new io.opentelemetry.instrumentation.logback.mdc.v1_0.OpenTelemetryAppender();
      correlating.setName(CORRELATING_PREFIX + appender.getName());
      correlating.setContext(context);
      correlating.addAppender(appender);
      correlating.start();
      root.detachAppender(appender);
      root.addAppender(correlating);
    }
  }
}
