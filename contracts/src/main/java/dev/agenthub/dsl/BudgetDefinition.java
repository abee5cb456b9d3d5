package dev.agenthub.dsl;

/**
 * A pipeline's spend limit.
 *
 * @param maxCostUsd the most a single run may spend, in US dollars
 */
public record BudgetDefinition(Double maxCostUsd) {}
