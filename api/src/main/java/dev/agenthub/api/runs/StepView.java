package dev.agenthub.api.runs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.cost.Usage;
import dev.agenthub.run.StepError;
import dev.agenthub.run.StepProgress;
import dev.agenthub.run.StepStatus;
import java.time.Instant;

/**
 * One step of a run as the API shows it: the workflow's {@link StepProgress} and, while the step's
 * activity runs or waits for a retry, what Temporal knows of its attempts. The fields but {@code
 * activity} are those of {@link StepProgress}.
 *
 * @param attempts attempts made; while the step runs, the attempts Temporal has begun
 * @param activity the running step's activity, or {@code null} (left out of the JSON)
 */
public record StepView(
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
    boolean reused,
    @JsonInclude(JsonInclude.Include.NON_NULL) ActivityAttempt activity) {

  /** The step as the workflow reports it. */
  static StepView of(StepProgress step) {
    return of(step, null);
  }

  /** The step with its running activity's attempts ({@code activity} may be null). */
  static StepView of(StepProgress step, ActivityAttempt activity) {
    int attempts =
        activity == null ? step.attempts() : Math.max(step.attempts(), activity.attemptsBegun());
    return new StepView(
        step.id(),
        step.kind(),
        step.status(),
        attempts,
        step.startedAt(),
        step.endedAt(),
        step.output(),
        step.outputBytes(),
        step.outputTruncated(),
        step.error(),
        step.usage(),
        step.reused(),
        activity);
  }
}
