package dev.agenthub.api.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.dsl.PipelineCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class InvalidPipelinesLogTest {

  @TempDir Path dir;

  private final Logger logger = (Logger) LoggerFactory.getLogger(InvalidPipelinesLog.class);
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();

  @BeforeEach
  void capture() {
    events.start();
    logger.addAppender(events);
  }

  @AfterEach
  void release() {
    logger.detachAppender(events);
  }

  @Test
  void warn_logsEachInvalidFileWithItsFirstError() throws IOException {
    Files.writeString(
        dir.resolve("ok.yml"),
        "name: ok\nsteps:\n  - {id: p, type: sleep, with: {duration: 1s}}\n");
    Files.writeString(dir.resolve("broken.yml"), "name: broken\nsteps:\n  - {id: x, agent: lm}\n");

    InvalidPipelinesLog.warn(PipelineCatalog.loadDirectory(dir, AgentCatalog.builtIn()));

    assertThat(events.list).hasSize(1);
    assertThat(events.list.get(0).getLevel()).isEqualTo(Level.WARN);
    assertThat(events.list.get(0).getFormattedMessage())
        .isEqualTo(
            "pipeline file not loaded: broken.yml: steps[0].agent: unknown agent \"lm\" (known:"
                + " http, llm, notify, transform)");
  }

  @Test
  void warn_logsNothing_whenEveryFileLoads() throws IOException {
    Files.writeString(
        dir.resolve("ok.yml"),
        "name: ok\nsteps:\n  - {id: p, type: sleep, with: {duration: 1s}}\n");

    InvalidPipelinesLog.warn(PipelineCatalog.loadDirectory(dir, AgentCatalog.builtIn()));

    assertThat(events.list).isEmpty();
  }
}
