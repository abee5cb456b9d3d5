package dev.agenthub.agents.llm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

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
 * @param toolCalls the tools the model asks to call, in OpenAI's form ({@code id}, {@code
 *     function.name}, {@code function.arguments}); empty for an answer
 */
record ChatReply(
    String text,
    String model,
    String requestedModel,
    String finishReason,
    long inputTokens,
    long outputTokens,
    ArrayNode toolCalls) {

  /** An answer without tool calls. */
  ChatReply(
      String text,
      String model,
      String requestedModel,
      String finishReason,
      long inputTokens,
      long outputTokens) {
    this(
        text,
        model,
        requestedModel,
        finishReason,
        inputTokens,
        outputTokens,
        JsonNodeFactory.instance.arrayNode());
  }
}
