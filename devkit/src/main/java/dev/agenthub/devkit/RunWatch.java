package dev.agenthub.devkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Consumer;

/**
 * How {@code runs follow} learns that a run changed: from the run's event stream ({@link
 * EventStreamRunWatch}), or by polling its view ({@link PollingRunWatch}) where the API has no
 * stream. The printing does not depend on which.
 */
interface RunWatch {

  /**
   * Passes the run's view ({@code GET /api/v1/runs/{id}}) to {@code onChange} each time it changes,
   * the first one included, until the run closes; returns the closed run's view.
   */
  JsonNode follow(String id, Consumer<JsonNode> onChange);

  /** Whether {@code run} (a run's view) has closed: succeeded, failed, cancelled, ... */
  static boolean isClosed(JsonNode run) {
    return !run.path("closedAt").isMissingNode() && !run.path("closedAt").isNull();
  }
}
