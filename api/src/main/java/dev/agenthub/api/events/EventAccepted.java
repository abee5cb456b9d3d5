package dev.agenthub.api.events;

import dev.agenthub.api.runs.Links;
import java.util.List;

/**
 * The answer to a posted event.
 *
 * @param type the event type
 * @param eventId the event's id, which makes its runs' ids (one run per pipeline and event)
 * @param runs the runs of the matching pipelines: started now ({@code created: true}), or started
 *     by an earlier delivery of the same event ({@code created: false})
 * @param refused the matching pipelines that started nothing, and why
 */
public record EventAccepted(
    String type, String eventId, List<EventRun> runs, List<Refusal> refused) {

  /**
   * A run of a matching pipeline.
   *
   * @param workflowId the run's id
   * @param runId Temporal's run id
   * @param pipeline the pipeline
   * @param status {@code running} for a new run; the current status of an existing one
   * @param created true if this delivery started it, false if an earlier delivery did
   * @param links where to look at it
   */
  public record EventRun(
      String workflowId,
      String runId,
      String pipeline,
      String status,
      boolean created,
      Links links) {}

  /**
   * A matching pipeline that started no run.
   *
   * @param pipeline its name
   * @param code {@code invalid_input} (the event does not match its input schema), {@code
   *     condition_failed} (its {@code when} failed on this event), or {@code event_id_reused} (an
   *     earlier, different event had this id)
   * @param message what happened, in words
   * @param errors for {@code invalid_input}: each problem, with its JSON Pointer
   */
  public record Refusal(String pipeline, String code, String message, List<InputError> errors) {}

  /** One way the event breaks a pipeline's input schema. */
  public record InputError(String path, String message) {}
}
