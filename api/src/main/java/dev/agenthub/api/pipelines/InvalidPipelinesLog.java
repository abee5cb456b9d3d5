package dev.agenthub.api.pipelines;

import dev.agenthub.dsl.PipelineCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each pipeline file that did not load, with its first error, at WARN when the API starts. The
 * health check and {@code GET /pipelines} report them too, but nobody looks there first.
 */
public final class InvalidPipelinesLog {

  private static final Logger log = LoggerFactory.getLogger(InvalidPipelinesLog.class);

  private InvalidPipelinesLog() {}

  /** One WARN line per invalid file of {@code catalog}; nothing when every file loaded. */
  public static void warn(PipelineCatalog catalog) {
    for (String summary : catalog.invalidSummaries()) {
      log.warn("pipeline file not loaded: {}", summary);
    }
  }
}
