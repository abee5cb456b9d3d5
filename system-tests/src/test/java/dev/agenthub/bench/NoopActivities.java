package dev.agenthub.bench;

import io.temporal.activity.ActivityInterface;

/** The hand-written baseline's one activity: returns its input. */
@ActivityInterface
public interface NoopActivities {

  /** Returns {@code input}. */
  String step(String input);

  /** The implementation: nothing to do. */
  final class Impl implements NoopActivities {
    @Override
    public String step(String input) {
      return input;
    }
  }
}
