package dev.agenthub.api.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.api.runs.RunLinks;
import dev.agenthub.api.runs.RunService;
import dev.agenthub.api.runs.RunServiceException;
import dev.agenthub.api.runs.RunStarted;
import dev.agenthub.dsl.EventTrigger;
import dev.agenthub.dsl.InputValidator;
import dev.agenthub.dsl.PipelineCatalog;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.ValidationError;
import dev.agenthub.dsl.expr.CelExpressions;
import dev.agenthub.dsl.expr.ExpressionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the pipelines an event triggers: every valid pipeline with an {@code on:} entry for the
 * event's type whose {@code when} (if any) holds over the event, read as {@code input} with the
 * schema's defaults. Each run starts with the {@code Idempotency-Key} {@code event:<type>:<id>}, so
 * a redelivered event finds the runs it started the first time instead of starting new ones.
 */
final class EventDispatcher {

  private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

  private final PipelineCatalog catalog;
  private final RunService runs;
  private final RunLinks links;

  EventDispatcher(PipelineCatalog catalog, RunService runs, RunLinks links) {
    this.catalog = catalog;
    this.runs = runs;
    this.links = links;
  }

  EventAccepted dispatch(String type, String eventId, JsonNode event) {
    List<EventAccepted.EventRun> started = new ArrayList<>();
    List<EventAccepted.Refusal> refused = new ArrayList<>();
    for (PipelineDefinition pipeline : catalog.valid()) {
      List<EventTrigger> triggers =
          pipeline.on().stream().filter(t -> t.event().equals(type)).toList();
      if (triggers.isEmpty()) {
        continue;
      }
      InputValidator validator = catalog.inputValidator(pipeline.name());
      JsonNode input = validator.withDefaults(event);
      try {
        if (triggers.stream().noneMatch(t -> holds(t, input))) {
          continue;
        }
      } catch (ExpressionException e) {
        refused.add(
            new EventAccepted.Refusal(
                pipeline.name(), "condition_failed", e.getMessage(), List.of()));
        continue;
      }
      List<ValidationError> errors = validator.validate(input);
      if (!errors.isEmpty()) {
        refused.add(
            new EventAccepted.Refusal(
                pipeline.name(),
                "invalid_input",
                "the event does not match the input schema of pipeline " + pipeline.name(),
                errors.stream()
                    .map(e -> new EventAccepted.InputError(e.path(), e.message()))
                    .toList()));
        continue;
      }
      try {
        RunStarted run = runs.start(pipeline, input, null, null, idempotencyKey(type, eventId));
        started.add(
            new EventAccepted.EventRun(
                run.workflowId(),
                run.runId(),
                run.pipeline(),
                run.status(),
                run.created(),
                links.of(run.workflowId(), run.runId(), run.traceId())));
        log.info(
            "event {} {} {} run {} of pipeline {}",
            type,
            eventId,
            run.created() ? "started" : "had already started",
            run.workflowId(),
            pipeline.name());
      } catch (RunServiceException.IdempotencyKeyReused e) {
        refused.add(
            new EventAccepted.Refusal(
                pipeline.name(),
                "event_id_reused",
                "an earlier, different event of type " + type + " had this id",
                List.of()));
      }
    }
    return new EventAccepted(type, eventId, started, refused);
  }

  private static boolean holds(EventTrigger trigger, JsonNode input) {
    return trigger.when() == null || CelExpressions.test(trigger.when(), Map.of("input", input));
  }

  static String idempotencyKey(String type, String eventId) {
    return "event:" + type + ":" + eventId;
  }
}
