package dev.agenthub.api.runs;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;

/** Builds the visibility query ({@code ListWorkflowExecutions}) that lists pipeline runs. */
final class VisibilityQuery {

  private VisibilityQuery() {}

  /**
   * Pipeline runs, optionally of one pipeline (by the {@code AgentHubPipeline} search attribute)
   * and in one status.
   */
  static String of(String workflowType, String pipeline, WorkflowExecutionStatus status) {
    StringBuilder query = new StringBuilder("WorkflowType = ").append(literal(workflowType));
    if (status != null) {
      query.append(" AND ExecutionStatus = ").append(literal(RunStatuses.visibilityName(status)));
    }
    if (pipeline != null && !pipeline.isEmpty()) {
      query
          .append(" AND ")
          .append(RunStarter.PIPELINE_ATTRIBUTE.getName())
          .append(" = ")
          .append(literal(pipeline));
    }
    return query.toString();
  }

  /** A single-quoted string literal; backslashes and quotes inside are escaped. */
  static String literal(String value) {
    StringBuilder quoted = new StringBuilder(value.length() + 2).append('\'');
    for (char c : value.toCharArray()) {
      if (c == '\'' || c == '\\' || c == '"') {
        quoted.append('\\');
      }
      quoted.append(c);
    }
    return quoted.append('\'').toString();
  }
}
