package dev.agenthub.observability;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code observability/grafana/dashboards/empty-ok.yml}: panels allowed to show no data in
 * LiveDashboardsIT, each with the reason why.
 */
final class EmptyPanelAllowlist {

  private EmptyPanelAllowlist() {}

  /** "dashboard uid / panel title" to reason; fails on an entry without a reason. */
  static Map<String, String> read(Path file) {
    Map<String, String> allowed = new LinkedHashMap<>();
    for (JsonNode entry : PrometheusRules.read(file).path("panels")) {
      String reason = entry.path("reason").asText();
      if (reason.isBlank()) {
        throw new IllegalArgumentException(file + ": no reason for " + entry);
      }
      allowed.put(entry.path("dashboard").asText() + " / " + entry.path("panel").asText(), reason);
    }
    return allowed;
  }
}
