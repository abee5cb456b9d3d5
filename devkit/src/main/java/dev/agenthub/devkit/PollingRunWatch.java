package dev.agenthub.devkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.function.Consumer;

/** A {@link RunWatch} that reads the run's view every {@code interval}. */
final class PollingRunWatch implements RunWatch {

  private final ApiClient api;
  private final Duration interval;

  PollingRunWatch(ApiClient api, Duration interval) {
    this.api = api;
    this.interval = interval;
  }

  @Override
  public JsonNode follow(String id, Consumer<JsonNode> onChange) {
    JsonNode last = null;
    while (true) {
      JsonNode run = api.get(RunsCommand.runPath(id));
      if (!run.equals(last)) {
        onChange.accept(run);
        last = run;
      }
      if (RunWatch.isClosed(run)) {
        return run;
      }
      try {
        Thread.sleep(interval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CommandFailure(CommandFailure.FAILED, "interrupted");
      }
    }
  }
}
