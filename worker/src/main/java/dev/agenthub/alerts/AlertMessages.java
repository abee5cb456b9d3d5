package dev.agenthub.alerts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Formats an alert group as a Slack message: a one-line text (also the notification preview) and
 * Block Kit blocks with severity, summary, description, runbook and links. Pure: workflow code
 * calls it.
 */
final class AlertMessages {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private AlertMessages() {}

  /** {@code [FIRING:2] AgentHubApi5xxRatioHigh (page): summary}. */
  static String text(AlertGroup group) {
    String status = group.status().toUpperCase(Locale.ROOT);
    String count = "firing".equals(group.status()) ? ":" + firing(group) : "";
    String severity = group.commonLabels().get("severity");
    String summary = annotation(group, "summary");
    return "["
        + status
        + count
        + "] "
        + group.commonLabels().getOrDefault("alertname", "alert")
        + (severity == null ? "" : " (" + severity + ")")
        + (summary == null ? "" : ": " + summary);
  }

  static ArrayNode blocks(AlertNotification notification) {
    AlertGroup group = notification.group();
    ArrayNode blocks = JSON.arrayNode();
    blocks.add(section("*" + escape(text(group)) + "*"));
    String description = annotation(group, "description");
    if (description != null) {
      blocks.add(section(escape(description)));
    }
    List<String> links = new ArrayList<>();
    String runbook = annotation(group, "runbook_url");
    if (runbook != null) {
      links.add("<" + runbook + "|Runbook>");
    }
    if (notification.grafanaUrl() != null) {
      links.add("<" + notification.grafanaUrl() + "/d/slo|Grafana SLO dashboard>");
    }
    if (notification.temporalUiUrl() != null) {
      links.add("<" + notification.temporalUiUrl() + "|Temporal UI>");
    }
    if (group.externalUrl() != null && !group.externalUrl().isBlank()) {
      links.add("<" + group.externalUrl() + "|Alertmanager>");
    }
    if (!links.isEmpty()) {
      blocks.add(section(String.join(" · ", links)));
    }
    return blocks;
  }

  private static long firing(AlertGroup group) {
    return group.alerts().stream().filter(a -> "firing".equals(a.status())).count();
  }

  private static String annotation(AlertGroup group, String name) {
    String common = group.commonAnnotations().get(name);
    if (common != null) {
      return common;
    }
    return group.alerts().isEmpty() ? null : group.alerts().get(0).annotations().get(name);
  }

  private static ObjectNode section(String markdown) {
    ObjectNode block = JSON.objectNode().put("type", "section");
    block.putObject("text").put("type", "mrkdwn").put("text", markdown);
    return block;
  }

  /** Slack's mrkdwn needs &, < and > escaped in text that is not a link. */
  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
