package dev.agenthub.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agenthub.agents.AgentFailureDetails;
import dev.agenthub.agents.AgentRequest;
import dev.agenthub.agents.AgentResult;
import dev.agenthub.agents.InvokeAgentSpan;
import dev.agenthub.cost.Usage;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.activity.DynamicActivity;
import io.temporal.client.ActivityCompletionException;
import io.temporal.common.converter.EncodedValues;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test agents with scripted behaviour, registered as the worker's dynamic activity:
 *
 * <ul>
 *   <li>{@code echo}: returns its arguments, with usage of 10 input / 5 output tokens;
 *   <li>{@code slow}: sleeps {@code with.millis} of real time, then returns;
 *   <li>{@code hang}: unless {@code with.hang} is false (then it returns at once), heartbeats until
 *       Temporal stops it (a cancellation, or its workflow gone), which it counts in {@link
 *       #stopped}, or for at most a minute;
 *   <li>{@code flaky}: fails retryably until attempt {@code with.failures + 1};
 *   <li>{@code broken}: fails non-retryably like an HTTP 404;
 *   <li>{@code flaky-broken}: fails retryably until attempt {@code with.failures + 1}, which fails
 *       non-retryably like an HTTP 404;
 *   <li>{@code skipping}: chooses not to act, as the notify agent does without a webhook;
 *   <li>{@code transform}: answers the run context it was given (the real agent evaluates its
 *       {@code expression} over that context);
 *   <li>{@code llm}: sleeps {@code with.millis} of real time (if set), then answers {@code {"text":
 *       "ok"}}, costing {@code with.costUsd} (default $0.001) of its {@code with.model} (default
 *       sim-small);
 * </ul>
 */
final class ScriptedAgents implements DynamicActivity {

  final Map<String, AtomicInteger> callsByStep = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> stoppedByStep = new ConcurrentHashMap<>();

  int calls(String stepId) {
    AtomicInteger calls = callsByStep.get(stepId);
    return calls == null ? 0 : calls.get();
  }

  /** How many {@code hang} calls of step {@code stepId} Temporal stopped. */
  int stopped(String stepId) {
    AtomicInteger stopped = stoppedByStep.get(stepId);
    return stopped == null ? 0 : stopped.get();
  }

  @Override
  public Object execute(EncodedValues args) {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    if (info.getActivityType().equals(InvokeAgentSpan.ACTIVITY)) {
      return null; // an agent loop's span: these tests trace nothing
    }
    AgentRequest request = args.get(0, AgentRequest.class);
    callsByStep.computeIfAbsent(request.stepId(), k -> new AtomicInteger()).incrementAndGet();
    int attempt = info.getAttempt();
    JsonNode with = request.arguments();
    switch (info.getActivityType()) {
      case "echo":
        return new AgentResult(with, new Usage("sim-small", 10, 5, 0.001, true), attempt, null);
      case "slow":
        sleep(with.path("millis").asLong());
        return new AgentResult(JsonNodeFactory.instance.objectNode(), Usage.NONE, attempt, null);
      case "hang":
        if (with.path("hang").asBoolean(true)) {
          hang(request.stepId());
        }
        return new AgentResult(JsonNodeFactory.instance.objectNode(), Usage.NONE, attempt, null);
      case "flaky":
        if (attempt <= with.path("failures").asInt()) {
          throw ApplicationFailure.newFailure(
              "HTTP 503 on attempt " + attempt,
              FailureTypes.AGENT_REMOTE_ERROR,
              new AgentFailureDetails(attempt));
        }
        return new AgentResult(
            JsonNodeFactory.instance.objectNode().put("attempt", attempt),
            Usage.NONE,
            attempt,
            null);
      case "llm":
        sleep(with.path("millis").asLong());
        return new AgentResult(
            llmOutput(with),
            new Usage(
                with.path("model").asText("sim-small"),
                10,
                5,
                with.path("costUsd").asDouble(0.001),
                true),
            attempt,
            null);
      case "flaky-broken":
        if (attempt <= with.path("failures").asInt()) {
          throw ApplicationFailure.newFailure(
              "HTTP 503 on attempt " + attempt,
              FailureTypes.AGENT_REMOTE_ERROR,
              new AgentFailureDetails(attempt));
        }
        throw ApplicationFailure.newNonRetryableFailure(
            "HTTP 404 on attempt " + attempt,
            FailureTypes.AGENT_CLIENT_ERROR,
            new AgentFailureDetails(attempt));
      case "skipping":
        return AgentResult.skipped("no webhook configured for channel \"ops\"");
      case "transform":
        return new AgentResult(request.context(), Usage.NONE, attempt, null);
      case "broken":
        throw ApplicationFailure.newNonRetryableFailure(
            "HTTP 404 Not Found",
            FailureTypes.AGENT_CLIENT_ERROR,
            new AgentFailureDetails(attempt));
      default:
        throw new IllegalStateException("unknown test agent " + info.getActivityType());
    }
  }

  private void hang(String stepId) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    try {
      while (System.nanoTime() < giveUp) {
        context.heartbeat(null);
        sleep(20);
      }
    } catch (ActivityCompletionException e) {
      stoppedByStep.computeIfAbsent(stepId, k -> new AtomicInteger()).incrementAndGet();
      throw e;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * "ok", or for an agent loop's first turn (tools offered, no tool result yet) a call of its first
   * tool with no arguments.
   */
  private static JsonNode llmOutput(JsonNode with) {
    var output = JsonNodeFactory.instance.objectNode().put("text", "ok");
    boolean answered = false;
    for (JsonNode message : with.path("messages")) {
      answered |= "tool".equals(message.path("role").asText());
    }
    if (with.path("tools").size() > 0 && !answered) {
      output.putNull("text");
      output
          .putArray("toolCalls")
          .addObject()
          .put("id", "call_1")
          .put("name", with.path("tools").get(0).path("function").path("name").asText())
          .put("arguments", "{}");
    }
    return output;
  }
}
