package dev.agenthub.agents.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.agents.AgentCall;
import dev.agenthub.agents.AgentException;
import dev.agenthub.agents.AgentsConfiguration;
import dev.agenthub.agents.HttpBodies;
import dev.agenthub.agents.Secrets;
import dev.agenthub.cost.TokenEstimates;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Function;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * An OpenAI-compatible {@code POST {baseUrl}/v1/chat/completions} endpoint. The API key is read
 * from the configured environment variable on every call and is never part of a message.
 */
final class OpenAiChatClient implements ChatBackend {

  /** Well under Temporal's 2 MiB payload limit; the step's output is capped again after. */
  private static final long MAX_RESPONSE_BYTES = 1024L * 1024;

  private final String name;
  private final AgentsConfiguration.Provider provider;
  private final Call.Factory http;
  private final Duration requestTimeout;
  private final Function<String, String> environment;

  OpenAiChatClient(
      String name,
      AgentsConfiguration.Provider provider,
      Call.Factory http,
      Duration requestTimeout,
      Function<String, String> environment) {
    this.name = name;
    this.provider = provider;
    this.http = http;
    this.requestTimeout = requestTimeout;
    this.environment = environment;
  }

  @Override
  public String providerName() {
    // The protocol, not the configured name: every such provider speaks OpenAI's API.
    return "openai";
  }

  @Override
  public String model(ChatRequest chat) {
    return chat.model() != null ? chat.model() : provider.defaultModel();
  }

  @Override
  public ChatReply complete(ChatRequest chat, AgentCall call) throws AgentException {
    String apiKey = apiKey();
    String model = chat.model() != null ? chat.model() : provider.defaultModel();
    if (model == null) {
      throw AgentException.configError(
          "provider \"" + name + "\" has no defaultModel; set `model` on the step");
    }
    ObjectNode body = HttpBodies.JSON.createObjectNode().put("model", model);
    body.set("messages", chat.messages());
    if (chat.temperature() != null) {
      body.put("temperature", chat.temperature());
    }
    body.put("max_tokens", chat.maxTokens());
    if (chat.offersTools()) {
      body.set("tools", chat.tools());
      if (chat.toolChoice() != null) {
        body.set("tool_choice", chat.toolChoice());
      }
      if (chat.parallelToolCalls() != null) {
        body.put("parallel_tool_calls", chat.parallelToolCalls());
      }
    }
    if (chat.responseFormat() != null) {
      body.set("response_format", chat.responseFormat());
    }
    Request.Builder request = new Request.Builder().url(endpoint());
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    String idempotencyKey = call.request().idempotencyKey();
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    try {
      request.post(HttpBodies.json(body));
      try (Response response =
          call.control().execute(http.newCall(request.build()), requestTimeout)) {
        String text = HttpBodies.readText(response.body(), MAX_RESPONSE_BYTES);
        if (!response.isSuccessful()) {
          throw AgentException.forStatus(
              response.code(),
              Secrets.redact(
                  "provider \""
                      + name
                      + "\" answered HTTP "
                      + response.code()
                      + ": "
                      + HttpBodies.errorSnippet(text),
                  apiKey));
        }
        return reply(HttpBodies.JSON.readTree(text), model, chat);
      }
    } catch (IOException e) {
      throw AgentException.remoteError(
          Secrets.redact(
              "provider \""
                  + name
                  + "\" did not answer: "
                  + e.getClass().getSimpleName()
                  + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"),
              apiKey));
    }
  }

  /** The key from the environment; {@code null} when the provider needs none. */
  private String apiKey() throws AgentException {
    String variable = provider.apiKeyEnv();
    if (variable == null || variable.isBlank()) {
      return null;
    }
    String key = environment.apply(variable);
    if (key == null || key.isBlank()) {
      throw AgentException.configError(
          "provider \""
              + name
              + "\" needs an API key in environment variable "
              + variable
              + ", which is not set on the worker");
    }
    return key.strip();
  }

  private HttpUrl endpoint() throws AgentException {
    String base = provider.baseUrl().replaceAll("/+$", "");
    HttpUrl url = HttpUrl.parse(base + "/v1/chat/completions");
    if (url == null) {
      throw AgentException.configError(
          "provider \"" + name + "\" has an invalid baseUrl; use an http or https URL");
    }
    return url;
  }

  private ChatReply reply(JsonNode response, String requestedModel, ChatRequest chat)
      throws AgentException {
    JsonNode choice = response.path("choices").path(0);
    JsonNode content = choice.path("message").path("content");
    JsonNode toolCalls = choice.path("message").path("tool_calls");
    boolean callsTools = chat.offersTools() && toolCalls.isArray() && !toolCalls.isEmpty();
    if (!content.isTextual() && !callsTools) {
      throw AgentException.remoteError(
          "provider \"" + name + "\" answered without choices[0].message.content");
    }
    JsonNode usage = response.path("usage");
    long input =
        usage.path("prompt_tokens").canConvertToLong()
            ? usage.path("prompt_tokens").asLong()
            : TokenEstimates.tokens(chat.transcript());
    long output =
        usage.path("completion_tokens").canConvertToLong()
            ? usage.path("completion_tokens").asLong()
            : TokenEstimates.tokens(content.asText("") + toolCalls);
    return new ChatReply(
        content.isTextual() ? content.textValue() : null,
        response.path("model").asText(requestedModel),
        requestedModel,
        choice.path("finish_reason").asText(null),
        input,
        output,
        callsTools ? (ArrayNode) toolCalls : HttpBodies.JSON.createArrayNode());
  }
}
