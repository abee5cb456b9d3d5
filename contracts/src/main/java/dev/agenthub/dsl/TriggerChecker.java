package dev.agenthub.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agenthub.dsl.expr.CelExpressions;
import dev.agenthub.dsl.expr.ExpressionException;
import dev.agenthub.dsl.expr.StepReferences;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The semantic rules of a pipeline's triggers: each schedule has a unique id, exactly one of {@code
 * cron} and {@code every}, and an input the pipeline's input schema accepts; each event trigger
 * names an event type and a {@code when} that compiles and reads no step.
 */
final class TriggerChecker {

  /** Schedule ids: like pipeline names, as they are part of Temporal schedule ids. */
  static final Pattern SCHEDULE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private static final Set<String> CRON_MACROS =
      Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");
  private static final Pattern CRON_FIELD = Pattern.compile("[0-9A-Za-z*/,?#-]+");

  private final List<ValidationError> errors;

  TriggerChecker(List<ValidationError> errors) {
    this.errors = errors;
  }

  void check(PipelineDefinition definition) {
    Map<String, String> pathOfId = new HashMap<>();
    List<ScheduleDefinition> schedules = definition.schedules();
    for (int i = 0; i < schedules.size(); i++) {
      checkSchedule(schedules.get(i), DocumentPaths.index("schedules", i), definition, pathOfId);
    }
    List<EventTrigger> triggers = definition.on();
    for (int i = 0; i < triggers.size(); i++) {
      checkEventTrigger(triggers.get(i), DocumentPaths.index("on", i));
    }
  }

  private void checkSchedule(
      ScheduleDefinition schedule,
      String path,
      PipelineDefinition definition,
      Map<String, String> pathOfId) {
    String id = schedule.id();
    if (id == null) {
      error(path + ".id", "required");
    } else if (!SCHEDULE_ID.matcher(id).matches()) {
      error(
          path + ".id",
          "\""
              + id
              + "\" is not a valid schedule id (lowercase letters, digits and -, not starting with"
              + " -, at most 63 characters)");
    } else {
      String first = pathOfId.putIfAbsent(id, path + ".id");
      if (first != null) {
        error(path + ".id", "duplicate schedule id \"" + id + "\" (also at " + first + ")");
      }
    }
    if (schedule.cron() == null && schedule.every() == null) {
      error(path, "one of cron or every is required");
    } else if (schedule.cron() != null && schedule.every() != null) {
      error(path + ".every", "cron and every exclude each other; keep one");
    } else if (schedule.cron() != null) {
      checkCron(schedule.cron(), path + ".cron");
    } else {
      checkEvery(schedule.every(), path + ".every");
    }
    checkInput(schedule.input(), path + ".input", definition.input());
  }

  private void checkCron(String cron, String path) {
    String text = cron.strip();
    if (text.startsWith("@")) {
      if (!CRON_MACROS.contains(text)) {
        error(path, "unknown cron macro \"" + text + "\"; expected one of " + sorted(CRON_MACROS));
      }
      return;
    }
    String[] fields = text.isEmpty() ? new String[0] : text.split("\\s+");
    boolean wellFormed =
        fields.length >= 5
            && fields.length <= 7
            && Arrays.stream(fields).allMatch(f -> CRON_FIELD.matcher(f).matches());
    if (!wellFormed) {
      error(
          path,
          "invalid cron expression \""
              + cron
              + "\"; expected 5 fields (minute hour day-of-month month day-of-week) or a macro"
              + " such as @daily");
    }
  }

  private void checkEvery(String every, String path) {
    try {
      if (Durations.parse(every).compareTo(Duration.ofSeconds(1)) < 0) {
        error(path, "must be at least 1s");
      }
    } catch (IllegalArgumentException e) {
      error(path, "invalid duration \"" + every + "\"");
    }
  }

  private void checkInput(JsonNode input, String path, JsonNode schema) {
    if (schema != null && !InputValidator.schemaErrors(schema).isEmpty()) {
      return; // the schema's own errors are reported at input.*
    }
    InputValidator validator = InputValidator.forSchema(schema);
    JsonNode withDefaults = validator.withDefaults(input == null ? emptyObject() : input);
    for (ValidationError problem : validator.validate(withDefaults)) {
      error(PipelineValidator.pointerToPath(path, problem.path(), withDefaults), problem.message());
    }
  }

  private void checkEventTrigger(EventTrigger trigger, String path) {
    if (trigger.event() == null) {
      error(path + ".event", "required");
    } else if (!EventTrigger.TYPE.matcher(trigger.event()).matches()) {
      error(
          path + ".event",
          "\""
              + trigger.event()
              + "\" is not a valid event type (letters, digits and . _ : -, at most 100"
              + " characters)");
    }
    if (trigger.when() != null) {
      try {
        if (!StepReferences.in(CelExpressions.compile(trigger.when())).isEmpty()) {
          error(
              path + ".when",
              "no step has run when an event arrives; read the event as input (input.<field>)");
        }
      } catch (ExpressionException e) {
        error(path + ".when", e.getMessage());
      }
    }
  }

  private void error(String path, String message) {
    errors.add(new ValidationError(path, message));
  }

  private static JsonNode emptyObject() {
    return JsonNodeFactory.instance.objectNode();
  }

  private static String sorted(Set<String> values) {
    return String.join(", ", values.stream().sorted().toList());
  }
}
