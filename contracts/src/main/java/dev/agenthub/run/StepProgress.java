package dev.agenthub.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.cost.Usage;
import java.time.Instant;

/**
 * One step's state.
 *
 * @param id step id
 * @param kind agent name, or {@code approval}/{@code sleep}
 * @param status lifecycle status
 * @param attempts agent attempts made (0 for steps that run no agent)
 * @param startedAt when the step started, or {@code null}
 * @param endedAt when it settled, or {@code null}
 * @param output the step's output, or {@code null} when absent or too large (see outputBytes)
 * @param outputBytes size of the output's JSON in bytes
 * @param outputTruncated whether {@code output} was left out of this view for its size
 * @param error why it failed, or why it was skipped, or {@code null}
 * @param usage tokens and cost of this step, or {@code null}
 * @param reused whether the output was carried over from the run this one retries
 */
public record StepProgress(
    String id,
    String kind,
    StepStatus status,
    int attempts,
    Instant startedAt,
    Instant endedAt,
    JsonNode output,
    long outputBytes,
    boolean outputTruncated,
    StepError error,
    Usage usage,
    boolean reused) {

  /** A step that has not started. */
  public static StepProgress pending(String id, String kind) {
    return new StepProgress(
        id, kind, StepStatus.PENDING, 0, null, null, null, 0, false, null, null, false);
  }
}
