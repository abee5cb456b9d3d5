package dev.agenthub.agents.llm;

/**
 * A chat completion.
 *
 * @param text the assistant's message
 * @param model the model that answered, as the provider names it
 * @param requestedModel the model asked for (priced when the answered name is unknown, e.g. a dated
 *     snapshot name)
 * @param finishReason why generation stopped ({@code stop}, {@code length}, ...)
 * @param inputTokens prompt tokens
 * @param outputTokens completion tokens
 */
record ChatReply(
    String text,
    String model,
    String requestedModel,
    String finishReason,
    long inputTokens,
    long outputTokens) {}
