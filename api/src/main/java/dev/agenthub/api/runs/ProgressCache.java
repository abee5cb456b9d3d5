package dev.agenthub.api.runs;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.agenthub.run.RunProgress;
import java.time.Duration;
import java.util.Optional;

/**
 * The last {@code progress} answer of each run, valid as long as the run's history has the length
 * it had then. The workflow's state is a function of its history, so an answer for the same history
 * length is the same answer: polling a run that waits (for an agent, a timer, an approval) costs a
 * describe, not a worker query and a replay, until something happens. Entries are bounded in number
 * and dropped when unread for a while.
 */
final class ProgressCache {

  private static final int MAX_RUNS = 10_000;
  private static final Duration UNREAD_FOR = Duration.ofMinutes(10);

  private final Cache<String, Answer> answers =
      CacheBuilder.newBuilder().maximumSize(MAX_RUNS).expireAfterAccess(UNREAD_FOR).build();

  /** The answer cached for {@code runId} at {@code historyLength}, if that is what is cached. */
  Optional<RunProgress> get(String runId, long historyLength) {
    Answer answer = answers.getIfPresent(runId);
    return answer != null && answer.historyLength() == historyLength
        ? Optional.of(answer.progress())
        : Optional.empty();
  }

  /** Remembers {@code progress} as {@code runId}'s answer at {@code historyLength}. */
  void put(String runId, long historyLength, RunProgress progress) {
    answers.put(runId, new Answer(historyLength, progress));
  }

  private record Answer(long historyLength, RunProgress progress) {}
}
