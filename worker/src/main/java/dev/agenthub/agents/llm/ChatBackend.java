package dev.agenthub.agents.llm;

import dev.agenthub.agents.AgentCall;

/** Answers chat requests: an OpenAI-compatible endpoint or the simulated provider. */
interface ChatBackend {

  /** The {@code gen_ai.provider.name} of calls to this backend. */
  String providerName();

  /**
   * The model {@code request} asks for, or {@code null} when neither it nor a default names one.
   */
  String model(ChatRequest request);

  ChatReply complete(ChatRequest request, AgentCall call) throws Exception;
}
