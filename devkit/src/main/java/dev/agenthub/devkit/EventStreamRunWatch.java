package dev.agenthub.devkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Consumer;

/**
 * A {@link RunWatch} on the run's event stream ({@code GET /api/v1/runs/{id}/events}): it reads the
 * run's view once at the start and once per event, so a run that waits an hour for an approval
 * costs one open connection, not a request every half second. A stream the server ends early is
 * resumed after the last event seen; an API without the stream (404 on the route of a run that
 * exists) is followed by {@code fallback} instead.
 */
final class EventStreamRunWatch implements RunWatch {

  /** How often a stream may end without the run's end before following gives up. */
  static final int MAX_RECONNECTS = 5;

  private final ApiClient api;
  private final RunWatch fallback;

  EventStreamRunWatch(ApiClient api, RunWatch fallback) {
    this.api = api;
    this.fallback = fallback;
  }

  @Override
  public JsonNode follow(String id, Consumer<JsonNode> onChange) {
    ChangedViews views = new ChangedViews(onChange);
    views.offer(api.get(RunsCommand.runPath(id)));
    String[] lastEventId = {null};
    for (int stream = 0; !RunWatch.isClosed(views.last()); stream++) {
      if (stream > MAX_RECONNECTS) {
        throw new CommandFailure(
            CommandFailure.FAILED, "the API ended the event stream of run " + id + " repeatedly");
      }
      boolean sawTheEnd;
      try {
        sawTheEnd =
            api.events(
                RunsCommand.runPath(id) + "/events",
                lastEventId[0],
                event -> {
                  lastEventId[0] = event.id();
                  return !RunWatch.isClosed(views.offer(api.get(RunsCommand.runPath(id))));
                });
      } catch (CommandFailure e) {
        if (e.exitCode() == CommandFailure.NOT_FOUND && stream == 0) {
          return fallback.follow(id, views::offer);
        }
        throw e;
      }
      if (!sawTheEnd) {
        views.offer(api.get(RunsCommand.runPath(id)));
      }
    }
    return views.last();
  }

  /** Passes on each view that differs from the one before it. */
  private static final class ChangedViews {

    private final Consumer<JsonNode> onChange;
    private JsonNode last;

    ChangedViews(Consumer<JsonNode> onChange) {
      this.onChange = onChange;
    }

    JsonNode offer(JsonNode view) {
      if (!view.equals(last)) {
        onChange.accept(view);
        last = view;
      }
      return view;
    }

    JsonNode last() {
      return last;
    }
  }
}
