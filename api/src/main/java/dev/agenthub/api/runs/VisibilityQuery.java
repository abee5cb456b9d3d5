package dev.agenthub.api.runs;

import java.util.stream.Collectors;

/** Builds the visibility query ({@code ListWorkflowExecutions}) that lists pipeline runs. */
final class VisibilityQuery {

  private VisibilityQuery() {}

  /**
   * Pipeline runs, optionally of one pipeline (by the {@code AgentHubPipeline} search attribute)
   * and in the Temporal statuses of one status filter.
   */
  static String of(String workflowType, String pipeline, RunStatusFilter status) {
    StringBuilder query = new StringBuilder("WorkflowType = ").append(literal(workflowType));
    if (status != null && status.temporal().size() == 1) {
      query
          .append(" AND ExecutionStatus = ")
          .append(literal(RunStatuses.visibilityName(status.temporal().get(0))));
    } else if (status != null) {
      query
          .append(" AND (")
          .append(
              status.temporal().stream()
                  .map(s -> "ExecutionStatus = " + literal(RunStatuses.visibilityName(s)))
                  .collect(Collectors.joining(" OR ")))
          .append(')');
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
