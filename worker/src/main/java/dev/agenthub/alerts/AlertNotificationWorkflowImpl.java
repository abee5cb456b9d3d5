package dev.agenthub.alerts;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.agents.AgentRequest;
import dev.agenthub.agents.AgentResult;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** Formats the alert group and sends it with the {@code notify} agent, retrying for an hour. */
public final class AlertNotificationWorkflowImpl implements AlertNotificationWorkflow {

  /** Webhook failures are retried with backoff; a rejected message (4xx) is not. */
  private static final ActivityOptions NOTIFY =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(Duration.ofHours(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .build())
          .setSummary("notify")
          .build();

  @Override
  public void send(AlertNotification notification) {
    ObjectNode arguments = JsonNodeFactory.instance.objectNode();
    arguments.put("channel", notification.channel());
    arguments.put("text", AlertMessages.text(notification.group()));
    arguments.set("blocks", AlertMessages.blocks(notification));
    String workflowId = Workflow.getInfo().getWorkflowId();
    AgentRequest request =
        new AgentRequest("alerts", "notify", arguments, workflowId + "/notify", null);
    AgentResult result =
        Workflow.newUntypedActivityStub(NOTIFY).execute("notify", AgentResult.class, request);
    if (result.skippedReason() != null) {
      Workflow.getLogger(AlertNotificationWorkflowImpl.class)
          .warn("alert not delivered: {}", result.skippedReason());
    }
  }
}
