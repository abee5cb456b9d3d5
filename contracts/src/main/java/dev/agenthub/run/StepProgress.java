package dev.agenthub.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.cost.Usage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One step's state. It travels in workflow results, queries and recorded histories, so its
 * components are its JSON wire shape: their names and types do not change.
 *
 * <p>Build it only through its transitions: {@link #pending} when the run starts, then {@link
 * #running} or {@link #waitingApproval}, then one of {@link #succeeded}, {@link #failed}, {@link
 * #skipped} or {@link #cancelled}; {@link #reusedFromEarlierRun} and {@link #withOutputLeftOut}
 * derive views of a settled step. No transition method is a bean getter, so none adds a property.
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

  /** This step, started at {@code at}: what it held before is cleared but its attempts. */
  public StepProgress running(Instant at) {
    return started(StepStatus.RUNNING, at);
  }

  /** This approval step, waiting since {@code at} for its decision. */
  public StepProgress waitingApproval(Instant at) {
    return started(StepStatus.WAITING_APPROVAL, at);
  }

  /** This step, succeeded at {@code at} with {@code output} (its size measured here). */
  public StepProgress succeeded(Instant at, int attempts, JsonNode output, Usage usage) {
    long bytes = output == null ? 0 : output.toString().getBytes(StandardCharsets.UTF_8).length;
    return new StepProgress(
        id,
        kind,
        StepStatus.SUCCEEDED,
        attempts,
        startedAt,
        at,
        output,
        bytes,
        false,
        null,
        usage,
        false);
  }

  /** This step, failed at {@code at} (or never started, when null) for {@code error}. */
  public StepProgress failed(Instant at, int attempts, StepError error) {
    return settled(StepStatus.FAILED, at, attempts, error);
  }

  /** This step, skipped at {@code at} (or never started, when null) for {@code error}. */
  public StepProgress skipped(Instant at, int attempts, StepError error) {
    return settled(StepStatus.SKIPPED, at, attempts, error);
  }

  /** This step, cancelled at {@code at} (or before it ended, when null) for {@code error}. */
  public StepProgress cancelled(Instant at, int attempts, StepError error) {
    return settled(StepStatus.CANCELLED, at, attempts, error);
  }

  /** This succeeded step of an earlier run, carried into the run that retries it. */
  public StepProgress reusedFromEarlierRun() {
    return new StepProgress(
        id,
        kind,
        StepStatus.SUCCEEDED,
        attempts,
        startedAt,
        endedAt,
        output,
        outputBytes,
        false,
        null,
        usage,
        true);
  }

  /** This step as a view shows it when its output is too large: the size without the value. */
  public StepProgress withOutputLeftOut() {
    return new StepProgress(
        id,
        kind,
        status,
        attempts,
        startedAt,
        endedAt,
        null,
        outputBytes,
        true,
        error,
        usage,
        reused);
  }

  private StepProgress started(StepStatus status, Instant at) {
    return new StepProgress(
        id, kind, status, attempts, at, null, null, 0, false, null, null, false);
  }

  /** A settled step keeps what it spent; a step that ran in this run was not reused. */
  private StepProgress settled(StepStatus status, Instant at, int attempts, StepError error) {
    return new StepProgress(
        id, kind, status, attempts, startedAt, at, null, 0, false, error, usage, false);
  }
}
