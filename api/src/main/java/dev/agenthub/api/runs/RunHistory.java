package dev.agenthub.api.runs;

import java.util.List;

/**
 * A run's history in words.
 *
 * @param workflowId the run
 * @param events every event, oldest first
 */
public record RunHistory(String workflowId, List<HistoryEventView> events) {}
