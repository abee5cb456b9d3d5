package dev.agenthub.agents;

import java.util.Set;

/** Argument contracts of the built-in agents (see README, "Agents"). */
public final class BuiltInAgentSpecs {

  /** OpenAI-compatible chat completions, or the simulated provider. */
  public static final AgentSpec LLM =
      new AgentSpec(
          "llm",
          Set.of("prompt|messages"),
          Set.of("provider", "model", "system", "temperature", "max_tokens", "latency"),
          true,
          false);

  /** A plain HTTP call. */
  public static final AgentSpec HTTP =
      new AgentSpec(
          "http",
          Set.of("url"),
          Set.of("method", "headers", "body", "expectedStatus", "timeout"),
          false,
          false);

  /** A Slack incoming-webhook or generic JSON webhook message to a configured channel. */
  public static final AgentSpec NOTIFY =
      new AgentSpec(
          "notify",
          Set.of("text"),
          Set.of("channel", "blocks", "payload", "allowMentions"),
          false,
          false);

  /** A CEL expression over the run context, producing JSON. */
  public static final AgentSpec TRANSFORM =
      new AgentSpec("transform", Set.of("expression"), Set.of(), false, true);

  private BuiltInAgentSpecs() {}
}
