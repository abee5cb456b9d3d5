package dev.agenthub.shared.telemetry;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/**
 * One JSON object per log line, in the shape of Dropwizard's {@code json} layout with {@code
 * flattenMdc: true} (so API and worker logs parse alike): {@code timestamp}, {@code level}, {@code
 * logger}, {@code thread}, {@code message}, {@code exception}, and the MDC's keys at the top level
 * ({@code trace_id}, {@code span_id}, {@code workflow_id}, {@code run_id}, {@code pipeline}, {@code
 * step}). Used by the worker's {@code logback.xml} when {@code AGENTHUB_LOG_FORMAT=json}.
 */
public final class JsonLogLayout extends LayoutBase<ILoggingEvent> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String doLayout(ILoggingEvent event) {
    ObjectNode line = JSON.createObjectNode();
    line.put("timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
    line.put("level", event.getLevel().toString());
    line.put("logger", event.getLoggerName());
    line.put("thread", event.getThreadName());
    line.put("message", event.getFormattedMessage());
    IThrowableProxy error = event.getThrowableProxy();
    if (error != null) {
      line.put("exception", ThrowableProxyUtil.asString(error));
    }
    Map<String, String> mdc = event.getMDCPropertyMap();
    if (mdc != null) {
      mdc.forEach(line::put);
    }
    try {
      return JSON.writeValueAsString(line) + CoreConstants.LINE_SEPARATOR;
    } catch (JsonProcessingException e) {
      return "{\"message\": \"unloggable event\"}" + CoreConstants.LINE_SEPARATOR;
    }
  }
}
