package dev.agenthub.api.runs;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code pageToken} of run listings: either the visibility server's own token ({@code v}
 * + its bytes) or a scan cursor ({@code s} + {@code seconds:nanos:runId:workflowId}), base64url
 * encoded.
 *
 * @param visibility the server's token, or {@code null}
 * @param scanCursor the last run of the previous scan page, or {@code null}
 */
record PageToken(ByteString visibility, ScanCursor scanCursor) {

  static PageToken ofVisibility(ByteString serverToken) {
    return new PageToken(serverToken, null);
  }

  static PageToken ofScan(ScanCursor cursor) {
    return new PageToken(null, cursor);
  }

  String encode() {
    byte[] body =
        visibility != null
            ? ByteString.copyFromUtf8("v").concat(visibility).toByteArray()
            : ("s" + scanCursor.serialize()).getBytes(StandardCharsets.UTF_8);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(body);
  }

  /**
   * The token {@code encoded}, or {@code null} when it is null or blank.
   *
   * @throws RunServiceException.InvalidPageToken for anything not made by {@link #encode}
   */
  static PageToken decode(String encoded) {
    if (encoded == null || encoded.isBlank()) {
      return null;
    }
    byte[] body;
    try {
      body = Base64.getUrlDecoder().decode(encoded.trim());
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (body.length < 2) {
      throw invalid();
    }
    if (body[0] == 'v') {
      return ofVisibility(ByteString.copyFrom(body, 1, body.length - 1));
    }
    if (body[0] == 's') {
      return ofScan(ScanCursor.parse(new String(body, 1, body.length - 1, StandardCharsets.UTF_8)));
    }
    throw invalid();
  }

  static RunServiceException invalid() {
    return new RunServiceException.InvalidPageToken();
  }

  /**
   * Where a scan page ended: the last run returned.
   *
   * @param startSeconds its start time, seconds since the epoch
   * @param startNanos its start time, nanoseconds within the second
   * @param runId its run id
   * @param workflowId its workflow id
   */
  record ScanCursor(long startSeconds, int startNanos, String runId, String workflowId) {

    static ScanCursor of(WorkflowExecutionInfo info) {
      return new ScanCursor(
          info.getStartTime().getSeconds(),
          info.getStartTime().getNanos(),
          info.getExecution().getRunId(),
          info.getExecution().getWorkflowId());
    }

    /** A listing entry with this cursor's sort keys, for comparing runs against it. */
    WorkflowExecutionInfo asInfo() {
      return WorkflowExecutionInfo.newBuilder()
          .setStartTime(Timestamp.newBuilder().setSeconds(startSeconds).setNanos(startNanos))
          .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId))
          .build();
    }

    String serialize() {
      return startSeconds + ":" + startNanos + ":" + runId + ":" + workflowId;
    }

    static ScanCursor parse(String text) {
      String[] parts = text.split(":", 4);
      if (parts.length != 4 || parts[2].isEmpty() || parts[3].isEmpty()) {
        throw invalid();
      }
      try {
        return new ScanCursor(
            Long.parseLong(parts[0]), Integer.parseInt(parts[1]), parts[2], parts[3]);
      } catch (NumberFormatException e) {
        throw invalid();
      }
    }
  }
}
