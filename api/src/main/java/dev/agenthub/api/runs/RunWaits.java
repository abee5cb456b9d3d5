package dev.agenthub.api.runs;

import dev.agenthub.api.errors.ApiException;
import dev.agenthub.dsl.Durations;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletionException;

/**
 * The {@code ?wait=} of the run routes: the request is suspended (it holds no server thread) until
 * the run closes, answered {@code 200} with the run's view, or until the wait ends, answered {@code
 * 202} with the view as it is then.
 */
public final class RunWaits {

  /** The longest wait a request may ask for. */
  public static final Duration MAX_WAIT = Duration.ofSeconds(60);

  private final RunService runs;
  private final RunLinks links;

  public RunWaits(RunService runs, RunLinks links) {
    this.runs = runs;
    this.links = links;
  }

  /**
   * The wait {@code text} asks for, or {@code null} when there is none.
   *
   * @throws ApiException 400 {@code invalid_wait} unless it is a duration up to {@link #MAX_WAIT}
   */
  public static Duration parse(String text) {
    if (text == null) {
      return null;
    }
    try {
      Duration wait = Durations.parse(text);
      if (wait.compareTo(MAX_WAIT) <= 0) {
        return wait;
      }
    } catch (IllegalArgumentException e) {
      // Reported below.
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
