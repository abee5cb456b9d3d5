package dev.agenthub.alerts;

/**
 * The input of {@link AlertNotificationWorkflow}.
 *
 * @param group the Alertmanager group
 * @param channel the notify channel to send to (configured on the workers)
 * @param grafanaUrl Grafana base URL for links, or {@code null}
 * @param temporalUiUrl Temporal UI base URL for links, or {@code null}
 */
public record AlertNotification(
    AlertGroup group, String channel, String grafanaUrl, String temporalUiUrl) {}
