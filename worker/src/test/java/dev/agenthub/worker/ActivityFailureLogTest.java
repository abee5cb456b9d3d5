package dev.agenthub.worker;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ActivityFailureLogTest {

  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Logger sdk =
      context.getLogger("io.temporal.internal.activity.ActivityTaskExecutors");
  private final Logger ours = context.getLogger(ActivityFailureLog.class);
  private final ListAppender<ILoggingEvent> sdkEvents = new ListAppender<>();
  private final ListAppender<ILoggingEvent> ourEvents = new ListAppender<>();
  private Level ourLevel;

  @BeforeEach
  void capture() {
    ActivityFailureLog.install();
    sdkEvents.start();
    ourEvents.start();
    sdk.addAppender(sdkEvents);
    ours.addAppender(ourEvents);
    ourLevel = ours.getLevel();
    ours.setLevel(Level.DEBUG);
  }

  @AfterEach
  void release() {
    sdk.detachAppender(sdkEvents);
    ours.detachAppender(ourEvents);
    ours.setLevel(ourLevel);
  }

  @Test
  void activityFailures_areOneWarnLineWithTheCause_andTheTraceAtDebug() {
    IOException cause = new IOException("HTTP 503 from\nhttp://localhost/dev/flaky");

    sdk.warn(
        "{} failure. ActivityId={}, activityType={}, attempt={}",
        "Activity",
        "7",
        "http",
        2,
        cause);

    assertThat(sdkEvents.list).isEmpty();
    assertThat(ourEvents.list).hasSize(2);
    ILoggingEvent warn = ourEvents.list.get(0);
    assertThat(warn.getLevel()).isEqualTo(Level.WARN);
    assertThat(warn.getFormattedMessage())
        .isEqualTo(
            "Activity failure. ActivityId=7, activityType=http, attempt=2 Cause: IOException:"
                + " HTTP 503 from http://localhost/dev/flaky");
    assertThat(warn.getThrowableProxy()).isNull();
    ILoggingEvent debug = ourEvents.list.get(1);
    assertThat(debug.getLevel()).isEqualTo(Level.DEBUG);
    assertThat(debug.getThrowableProxy().getMessage()).contains("HTTP 503");
  }

  @Test
  void activityFailures_stayQuiet_whenTheSdkLoggerIsSilenced() {
    Level sdkLevel = sdk.getLevel();
    sdk.setLevel(Level.ERROR);
    try {
      sdk.warn("{} failure. ActivityId={}", "Activity", "7", new IOException("boom"));
    } finally {
      sdk.setLevel(sdkLevel);
    }

    assertThat(sdkEvents.list).isEmpty();
    assertThat(ourEvents.list).isEmpty();
  }

  @Test
  void otherSdkWarnings_passUnchanged() {
    sdk.warn("something else: {}", "x");

    assertThat(sdkEvents.list)
        .singleElement()
        .extracting(ILoggingEvent::getFormattedMessage)
        .isEqualTo("something else: x");
    assertThat(ourEvents.list).isEmpty();
  }
}
