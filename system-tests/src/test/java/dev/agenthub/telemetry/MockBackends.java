package dev.agenthub.telemetry;

import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * One mock server playing every remote an agent calls: an OpenAI-protocol provider on {@code
 * /v1/chat/completions}, a Slack webhook on {@code /services/...}, and plain JSON elsewhere. The
 * first {@code /fetch} of each trace fails with 503 (so a retry is traced). Records every request.
 */
final class MockBackends extends Dispatcher {

  final Queue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();
  private final Set<String> fetchedTraces = ConcurrentHashMap.newKeySet();

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    requests.add(request);
    String path = request.getUrl().encodedPath();
    if (path.equals("/v1/chat/completions")) {
      return json(
          """
          {"id": "chatcmpl-1", "model": "gpt-4o-mini-2024-07-18",
           "choices": [{"index": 0, "finish_reason": "stop",
                        "message": {"role": "assistant", "content": "All good."}}],
           "usage": {"prompt_tokens": 12, "completion_tokens": 3}}
          """);
    }
    if (path.startsWith("/services/")) {
      return new MockResponse.Builder().code(200).body("ok").build();
    }
    String traceparent = String.valueOf(request.getHeaders().get("traceparent"));
    String traceId = traceparent.length() > 35 ? traceparent.substring(3, 35) : traceparent;
    if (path.endsWith("/fetch") && fetchedTraces.add(traceId)) {
      return new MockResponse.Builder().code(503).body("warming up").build();
    }
    return json("{\"ok\": true}");
  }

  /** The {@code traceparent} headers of {@code traceId} received, in order. */
  List<String> traceparents(String traceId) {
    return requests.stream()
        .map(r -> r.getHeaders().get("traceparent"))
        .filter(header -> header != null && header.startsWith("00-" + traceId + "-"))
        .toList();
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }
}
