package dev.agenthub.agents.llm;

import static dev.agenthub.agents.AgentCalls.CLOCK;
import static dev.agenthub.agents.AgentCalls.call;
import static dev.agenthub.agents.AgentCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.agents.AgentResult;
import dev.agenthub.agents.AgentsConfiguration;
import dev.agenthub.cost.PriceTable;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A turn of an agent loop through the llm agent: OpenAI's tool-calling protocol, and the simulated
 * model's.
 */
class LlmToolCallingTest {

  private static final String TOOLS =
      """
      [{"type": "function", "function": {"name": "search", "description": "Searches",
        "parameters": {"type": "object", "required": ["query"],
                       "properties": {"query": {"type": "string"}, "limit": {"type": "integer"}}}}},
       {"type": "function", "function": {"name": "count", "description": "Counts",
        "parameters": {"type": "object", "properties": {"text": {"type": "string"}}}}}]
      """;

  private final MockWebServer server = new MockWebServer();
  private LlmAgent agent;

  @BeforeEach
  void start() throws Exception {
    server.start();
    AgentsConfiguration config = new AgentsConfiguration();
    config.setLlm(
        new AgentsConfiguration.Llm(
            Map.of(
                "test",
                new AgentsConfiguration.Provider(server.url("/").toString(), null, "gpt-4o-mini")),
            "test",
            new AgentsConfiguration.Simulated(Duration.ZERO),
            Duration.ofSeconds(5)));
    agent = new LlmAgent(config, PriceTable.loadDefault(), CLOCK, new OkHttpClient());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void run_withTools_sendsThemAndTheTranscript_andReturnsTheToolCalls() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body(
                """
                {"model": "gpt-4o-mini", "choices": [{"index": 0, "finish_reason": "tool_calls",
                  "message": {"role": "assistant", "content": null, "tool_calls": [
                    {"id": "call_1", "type": "function",
                     "function": {"name": "search", "arguments": "{\\"query\\": \\"x\\"}"}}]}}],
                 "usage": {"prompt_tokens": 30, "completion_tokens": 8}}
                """)
            .build());

    AgentResult result =
        agent.run(
            call(
                """
                {"model": "gpt-4o-mini", "tools": %s, "tool_choice": "auto",
                 "parallel_tool_calls": false,
                 "messages": [{"role": "user", "content": "Find x"},
                   {"role": "assistant", "content": null, "tool_calls": [{"id": "call_0",
                     "type": "function", "function": {"name": "count", "arguments": "{}"}}]},
                   {"role": "tool", "tool_call_id": "call_0", "content": "{\\"words\\": 2}"}]}
                """
                    .formatted(TOOLS)));

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    JsonNode body = json(request.getBody().utf8());
    assertThat(body.path("tools")).hasSize(2);
    assertThat(body.path("tool_choice").asText()).isEqualTo("auto");
    assertThat(body.path("parallel_tool_calls").asBoolean(true)).isFalse();
    assertThat(body.path("messages").get(1).path("tool_calls").get(0).path("id").asText())
        .isEqualTo("call_0");
    assertThat(body.path("messages").get(2).path("tool_call_id").asText()).isEqualTo("call_0");
    assertThat(result.output().path("toolCalls"))
        .containsExactly(
            json(
                "{\"id\": \"call_1\", \"name\": \"search\", \"arguments\": \"{\\\"query\\\": \\\"x\\\"}\"}"));
    assertThat(result.usage().inputTokens()).isEqualTo(30);
  }

  @Test
  void simulated_callsEachToolOnceWithSchemaArguments_thenAnswersFromTheirResults()
      throws Exception {
    String first =
        """
        {"provider": "simulated", "tools": %s,
         "messages": [{"role": "user", "content": "durable agents"}]}
        """
            .formatted(TOOLS);

    AgentResult turn1 = agent.run(call(first));
    AgentResult again = agent.run(call(first));

    JsonNode calls = turn1.output().path("toolCalls");
    assertThat(calls).extracting(c -> c.path("name").asText()).containsExactly("search", "count");
    assertThat(json(calls.get(0).path("arguments").asText()))
        .isEqualTo(json("{\"query\": \"durable agents\", \"limit\": 1}"));
    assertThat(again.output()).isEqualTo(turn1.output());

    String second =
        """
        {"provider": "simulated", "tools": %s,
         "response_format": {"type": "json_schema", "json_schema": {"name": "answer",
           "schema": {"type": "object", "required": ["summary"]}}},
         "messages": [{"role": "user", "content": "durable agents"},
           {"role": "assistant", "content": null, "tool_calls": [
             {"id": "a", "type": "function", "function": {"name": "search", "arguments": "{}"}},
             {"id": "b", "type": "function", "function": {"name": "count", "arguments": "{}"}}]},
           {"role": "tool", "tool_call_id": "a", "content": "three results"},
           {"role": "tool", "tool_call_id": "b", "content": "{\\"words\\": 2}"}]}
        """
            .formatted(TOOLS);
    AgentResult turn2 = agent.run(call(second));

    assertThat(turn2.output().path("toolCalls")).isEmpty();
    JsonNode answer = json(turn2.output().path("text").asText());
    assertThat(answer.path("summary").asText())
        .contains("a gave three results", "b gave {\"words\": 2}");
  }

  @Test
  void simulated_withoutParallelCalls_callsOneToolPerTurn() throws Exception {
    AgentResult turn =
        agent.run(
            call(
                """
                {"provider": "simulated", "tools": %s, "parallel_tool_calls": false,
                 "messages": [{"role": "user", "content": "x"}]}
                """
                    .formatted(TOOLS)));

    assertThat(turn.output().path("toolCalls"))
        .extracting(c -> c.path("name").asText())
        .containsExactly("search");
  }
}
