package dev.agenthub.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A local server speaking OpenAI's chat-completions protocol with scripted replies (tool calls or
 * answers, in order; the last one repeats), plus the remotes the tools call: {@code /search}
 * answers JSON, {@code /broken} answers 500. Records every chat request's body. A chat request can
 * be held until the test {@link #release releases} it, to look at a run in the middle of a turn, or
 * {@link #reject rejected} with an HTTP error.
 */
final class FakeOpenAi extends Dispatcher {

  private static final ObjectMapper JSON = new ObjectMapper();

  final Queue<JsonNode> chatRequests = new ConcurrentLinkedQueue<>();
  final Queue<String> searches = new ConcurrentLinkedQueue<>();
  private final Queue<String> replies = new ConcurrentLinkedQueue<>();
  private volatile String last;
  private volatile int held;
  private volatile int rejected;
  private volatile int rejectedStatus;
  private final CountDownLatch release = new CountDownLatch(1);

  /** Scripts the next replies. */
  FakeOpenAi reply(String... bodies) {
    replies.addAll(List.of(bodies));
    return this;
  }

  /** Holds the reply to chat request number {@code request} (from 1) until {@link #release}. */
  FakeOpenAi hold(int request) {
    held = request;
    return this;
  }

  /**
   * Answers chat request number {@code request} (from 1) with HTTP {@code status} and an OpenAI
   * error body instead of its scripted reply.
   */
  FakeOpenAi reject(int request, int status) {
    rejected = request;
    rejectedStatus = status;
    return this;
  }

  /** Lets the held chat request have its reply. */
  void release() {
    release.countDown();
  }

  /** A reply asking for tool calls, each {@code {id, name, argumentsJson}}. */
  static String toolCalls(int promptTokens, String[]... calls) {
    ObjectNode body = base(promptTokens, 7, "tool_calls");
    ObjectNode message = (ObjectNode) body.path("choices").path(0).path("message");
    message.putNull("content");
    ArrayNode list = message.putArray("tool_calls");
    for (String[] call : calls) {
      ObjectNode entry = list.addObject().put("id", call[0]).put("type", "function");
      entry.putObject("function").put("name", call[1]).put("arguments", call[2]);
    }
    return body.toString();
  }

  /** A final answer. */
  static String answer(int promptTokens, int completionTokens, String text) {
    ObjectNode body = base(promptTokens, completionTokens, "stop");
    ((ObjectNode) body.path("choices").path(0).path("message")).put("content", text);
    return body.toString();
  }

  private static ObjectNode base(int promptTokens, int completionTokens, String finish) {
    ObjectNode body = JSON.createObjectNode().put("id", "chatcmpl-1").put("model", "gpt-4o-mini");
    ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
    choice.put("finish_reason", finish);
    choice.putObject("message").put("role", "assistant");
    body.putObject("usage")
        .put("prompt_tokens", promptTokens)
        .put("completion_tokens", completionTokens);
    return body;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    if (path.equals("/v1/chat/completions")) {
      try {
        chatRequests.add(JSON.readTree(request.getBody().utf8()));
        if (chatRequests.size() == held) {
          release.await(20, TimeUnit.SECONDS);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (chatRequests.size() == rejected) {
        return json(
            rejectedStatus,
            "{\"error\": {\"message\": \"rejected\", \"type\": \"invalid_request_error\"}}");
      }
      String next = replies.poll();
      last = next != null ? next : last;
      return json(200, last);
    }
    if (path.equals("/search")) {
      searches.add(String.valueOf(request.getUrl().queryParameter("q")));
      return json(200, "{\"results\": [\"Temporal makes agents durable\"]}");
    }
    return json(500, "{\"error\": \"broken\"}");
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }
}
