package dev.agenthub.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One Alertmanager notification (webhook payload version 4), as the alert workflow receives it.
 *
 * @param status {@code firing} or {@code resolved}
 * @param groupKey Alertmanager's key of the alert group
 * @param receiver the receiver that routed it
 * @param groupLabels labels the group is formed by
 * @param commonLabels labels every alert of the group shares ({@code alertname}, {@code severity})
 * @param commonAnnotations annotations every alert shares ({@code summary}, {@code runbook_url})
 * @param externalUrl Alertmanager's own URL
 * @param alerts the alerts of the group
 */
public record AlertGroup(
    String status,
    String groupKey,
    String receiver,
    Map<String, String> groupLabels,
    Map<String, String> commonLabels,
    Map<String, String> commonAnnotations,
    String externalUrl,
    List<Alert> alerts) {

  public AlertGroup {
    groupLabels = groupLabels == null ? Map.of() : Map.copyOf(groupLabels);
    commonLabels = commonLabels == null ? Map.of() : Map.copyOf(commonLabels);
    commonAnnotations = commonAnnotations == null ? Map.of() : Map.copyOf(commonAnnotations);
    alerts = alerts == null ? List.of() : List.copyOf(alerts);
  }

  /**
   * One alert of a group.
   *
   * @param status {@code firing} or {@code resolved}
   * @param labels its labels
   * @param annotations its annotations
   * @param startsAt when it started firing
   * @param endsAt when it resolved (in the past once resolved)
   * @param generatorUrl link to the expression in Prometheus
   */
  public record Alert(
      String status,
      Map<String, String> labels,
      Map<String, String> annotations,
      Instant startsAt,
      Instant endsAt,
      String generatorUrl) {

    public Alert {
      labels = labels == null ? Map.of() : Map.copyOf(labels);
      annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }
  }
}
