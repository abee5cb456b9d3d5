package dev.agenthub.api.runs;

import dev.agenthub.api.errors.ApiException;
import dev.agenthub.dsl.Durations;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;

/**
 * The {@code ?wait=} of the run routes: the request is suspended (it holds no server thread) until
 * the run closes, answered {@code 200} with the run's view, or until the wait ends, answered {@code
 * 202} with the view as it is then.
 */
public final class RunWaits {

  /** The longest wait a request may ask for. */
  public static final Duration MAX_WAIT = Duration.ofSeconds(60);

  /**
   * Every wait from 1ms to 60000ms, 1s to 60s, or 1m, and nothing else: the OpenAPI document's
   * pattern of the {@code wait} parameter, so that a value is valid there exactly when it is here.
   */
  static final Pattern WAIT =
      Pattern.compile("[1-9]\\d{0,3}ms|[1-5]\\d{4}ms|60000ms|[1-9]s|[1-5]\\ds|60s|1m");

  private final RunService runs;
  private final RunLinks links;

  public RunWaits(RunService runs, RunLinks links) {
    this.runs = runs;
    this.links = links;
  }

  /**
   * The wait {@code text} asks for, or {@code null} when there is none.
   *
   * @throws ApiException 400 {@code invalid_wait} unless it matches {@link #WAIT}
   */
  public static Duration parse(String text) {
    if (text == null) {
      return null;
    }
    if (WAIT.matcher(text).matches()) {
      return Durations.parse(text);
    }
    throw ApiException.badRequest(
        "invalid_wait",
        "wait must be a duration from 1ms to " + MAX_WAIT.toSeconds() + "s, such as 30s");
  }

  /** Answers {@code response} when run {@code workflowId} closes or {@code wait} ends. */
  public void resume(AsyncResponse response, String workflowId, Duration wait) {
    runs.awaitClose(workflowId, wait)
        .whenComplete(
            (run, failure) -> {
              if (failure != null) {
                response.resume(
                    failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure);
                return;
              }
              RunView view = run.withLinks(links.of(run.workflowId(), run.runId(), run.traceId()));
              response.resume(
                  RunStatuses.RUNNING.equals(view.status())
                      ? Response.accepted(view).location(URI.create(view.links().self())).build()
                      : Response.ok(view).build());
            });
  }
}
