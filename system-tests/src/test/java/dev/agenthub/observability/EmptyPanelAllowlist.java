package dev.agenthub.observability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.observability.Dashboards.Panel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code observability/grafana/dashboards/empty-ok.yml}: panel queries allowed to return no data in
 * LiveDashboardsIT, each with the reason why. An entry names a panel and, optionally, one of its
 * queries ({@code query}, the expression as the dashboard writes it); without {@code query} it
 * covers every query of the panel.
 */
final class EmptyPanelAllowlist {

  /** One entry: a panel ("dashboard uid / title"), the query or null for all, and why. */
  record Entry(String panel, String query, String reason) {}

  private final List<Entry> entries;

  private EmptyPanelAllowlist(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** Reads the file; fails on an entry without a reason. */
  static EmptyPanelAllowlist read(Path file) {
    List<Entry> entries = new ArrayList<>();
    for (JsonNode entry : PrometheusRules.read(file).path("panels")) {
      String reason = entry.path("reason").asText();
      if (reason.isBlank()) {
        throw new IllegalArgumentException(file + ": no reason for " + entry);
      }
      JsonNode query = entry.path("query");
      entries.add(
          new Entry(
              entry.path("dashboard").asText() + " / " + entry.path("panel").asText(),
              query.isTextual() ? query.textValue() : null,
              reason));
    }
    return new EmptyPanelAllowlist(entries);
  }

  List<Entry> entries() {
    return entries;
  }

  /** Whether {@code expr} of {@code panel} may return no data. */
  boolean allowsEmpty(Panel panel, String expr) {
    return entries.stream()
        .anyMatch(
            e ->
                e.panel().equals(panel.toString())
                    && (e.query() == null || e.query().equals(expr)));
  }
}
