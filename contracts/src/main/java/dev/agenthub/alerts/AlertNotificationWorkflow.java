package dev.agenthub.alerts;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Sends one Alertmanager group notification (firing or resolved) to Slack through the {@code
 * notify} agent, retrying while the webhook fails. Its workflow id is derived from the group key,
 * status and start time, so Alertmanager's re-sends of the same group do not send it twice.
 */
@WorkflowInterface
public interface AlertNotificationWorkflow {

  @WorkflowMethod(name = "AlertNotificationWorkflow")
  void send(AlertNotification notification);
}
