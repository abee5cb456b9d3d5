package dev.agenthub.api.alerts;

import dev.agenthub.alerts.AlertNotification;
import dev.agenthub.alerts.AlertNotificationWorkflow;
import dev.agenthub.api.auth.KeyHashes;
import dev.agenthub.api.errors.ApiException;
import dev.agenthub.api.runs.TemporalDeadline;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * Alertmanager's webhook. Authenticated by its own bearer token, checked here (so no role
 * annotation: the API-key filter must not see it). Starts one {@link AlertNotificationWorkflow} per
 * group and status whose id is derived from the group key, status and start time, so Alertmanager's
 * re-sends of a group do not notify twice; a send that failed may be re-attempted by the next
 * re-send.
 */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
public final class AlertsResource {

  private static final Set<String> STATUSES = Set.of("firing", "resolved");

  private final AlertsConfiguration config;
  private final WorkflowClient client;
  private final String taskQueue;
  private final String temporalUiUrl;
  private final TemporalDeadline deadline;

  /**
   * A webhook starting notifications on {@code taskQueue}, waiting for Temporal {@code deadline}.
   * Messages link the Temporal UI at {@code temporalUiUrl} unless it is null or empty (no UI).
   */
  public AlertsResource(
      AlertsConfiguration config,
      WorkflowClient client,
      String taskQueue,
      String temporalUiUrl,
      TemporalDeadline deadline) {
    this.config = config;
    this.client = client;
    this.taskQueue = taskQueue;
    this.temporalUiUrl = temporalUiUrl == null || temporalUiUrl.isEmpty() ? null : temporalUiUrl;
    this.deadline = deadline;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response receive(
      @HeaderParam("Authorization") String authorization, AlertmanagerPayload payload) {
    authenticate(authorization);
    validate(payload);
    String workflowId = workflowId(payload);
    AlertNotificationWorkflow workflow =
        client.newWorkflowStub(
            AlertNotificationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(taskQueue)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
                .setStaticSummary(payload.status() + " " + payload.commonLabels())
                .build());
    AlertNotification notification =
        new AlertNotification(
            payload.toGroup(), config.getChannel(), config.getGrafanaUrl(), temporalUiUrl);
    try {
      deadline.call(() -> WorkflowClient.start(workflow::send, notification));
    } catch (WorkflowExecutionAlreadyStarted duplicate) {
      return Response.ok(Map.of("workflowId", workflowId, "duplicate", true)).build();
    }
    return Response.accepted(Map.of("workflowId", workflowId, "duplicate", false)).build();
  }

  private void authenticate(String authorization) {
    byte[] expected =
        config
            .tokenHash()
            .orElseThrow(
                () ->
                    new ApiException(
                        401, "unauthorized", "the alerts webhook has no token configured", null));
    String presented =
        authorization != null && authorization.startsWith("Bearer ")
            ? authorization.substring("Bearer ".length()).strip()
            : "";
    if (!MessageDigest.isEqual(expected, KeyHashes.sha256(presented))) {
      throw new ApiException(401, "unauthorized", "missing or invalid alerts token", null);
    }
  }

  private static void validate(AlertmanagerPayload payload) {
    if (payload == null
        || payload.groupKey() == null
        || payload.alerts() == null
        || payload.alerts().isEmpty()
        || payload.alerts().stream().anyMatch(java.util.Objects::isNull)
        || payload.status() == null
        || !STATUSES.contains(payload.status())) {
      throw ApiException.badRequest(
          "invalid_alert",
          "expected an Alertmanager webhook body: groupKey, status firing|resolved, alerts");
    }
  }

  /** {@code alert-<sha256(groupKey, status, earliest startsAt)>}. */
  static String workflowId(AlertmanagerPayload payload) {
    String key = payload.groupKey() + "\n" + payload.status() + "\n" + payload.startedAt();
    byte[] hash = KeyHashes.sha256(key);
    return "alert-" + HexFormat.of().formatHex(hash, 0, 16);
  }
}
