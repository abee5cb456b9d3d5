package dev.agenthub.workers.agents;

/** Answers chat requests: an OpenAI-compatible endpoint or the simulated provider. */
interface ChatBackend {

  ChatReply complete(ChatRequest request, AgentCall call) throws Exception;
}
