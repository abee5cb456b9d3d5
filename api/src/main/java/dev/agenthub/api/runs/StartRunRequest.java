package dev.agenthub.api.runs;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/v1/pipelines/{name}/runs}.
 *
 * @param input run input, validated against the pipeline's schema ({@code {}} when absent)
 * @param workflowId optional caller-chosen id, {@code [A-Za-z0-9._-]{1,200}}
 * @param budgetUsd optional spend limit for this run, never above the pipeline's
 */
public record StartRunRequest(JsonNode input, String workflowId, Double budgetUsd) {}
