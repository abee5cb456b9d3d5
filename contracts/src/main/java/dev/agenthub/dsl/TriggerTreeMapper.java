package dev.agenthub.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Maps the trigger sections of a document, {@code schedules:} and {@code on:}, checking only their
 * shape (see {@link PipelineTreeMapper}); {@link TriggerChecker} checks their meaning.
 */
final class TriggerTreeMapper {

  private static final Set<String> SCHEDULE_FIELDS =
      Set.of("id", "cron", "every", "input", "overlap", "paused");
  private static final Set<String> EVENT_FIELDS = Set.of("event", "when");
  private static final List<String> OVERLAP =
      Arrays.stream(ScheduleOverlap.values()).map(ScheduleOverlap::yamlName).toList();

  private final TreeReader read;

  TriggerTreeMapper(TreeReader read) {
    this.read = read;
  }

  List<ScheduleDefinition> schedules(JsonNode value) {
    return list(
        value,
        "schedules",
        "a schedule",
        this::schedule,
        new ScheduleDefinition(null, null, null, null, null, false));
  }

  List<EventTrigger> on(JsonNode value) {
    return list(value, "on", "an event trigger", this::eventTrigger, new EventTrigger(null, null));
  }

  /**
   * The elements of the list at {@code path}; an element that is not an object is an error and maps
   * to {@code placeholder}, keeping later elements at their own index in the checker's paths.
   */
  private <T> List<T> list(
      JsonNode value,
      String path,
      String what,
      BiFunction<JsonNode, String, T> element,
      T placeholder) {
    List<T> elements = new ArrayList<>();
    if (TreeReader.absent(value)) {
      return elements;
    }
    if (!value.isArray()) {
      read.error(path, "expected a list, got " + TreeReader.describe(value));
      return elements;
    }
    for (int i = 0; i < value.size(); i++) {
      String elementPath = DocumentPaths.index(path, i);
      JsonNode object = read.object(value.get(i), elementPath, what + " (an object)");
      if (object == null && TreeReader.absent(value.get(i))) {
        read.error(elementPath, "expected " + what + " (an object), got null");
      }
      elements.add(object == null ? placeholder : element.apply(object, elementPath));
    }
    return elements;
  }

  private ScheduleDefinition schedule(JsonNode schedule, String path) {
    read.rejectUnknownKeys(schedule, path, SCHEDULE_FIELDS);
    return new ScheduleDefinition(
        read.string(schedule.get("id"), path + ".id"),
        read.string(schedule.get("cron"), path + ".cron"),
        read.string(schedule.get("every"), path + ".every"),
        read.object(schedule.get("input"), path + ".input", "an object"),
        overlap(schedule.get("overlap"), path + ".overlap"),
        paused(schedule.get("paused"), path + ".paused"));
  }

  private EventTrigger eventTrigger(JsonNode trigger, String path) {
    read.rejectUnknownKeys(trigger, path, EVENT_FIELDS);
    return new EventTrigger(
        read.string(trigger.get("event"), path + ".event"),
        read.string(trigger.get("when"), path + ".when"));
  }

  private ScheduleOverlap overlap(JsonNode value, String path) {
    String text = read.string(value, path);
    if (text == null) {
      return null;
    }
    if (!OVERLAP.contains(text)) {
      read.error(
          path,
          "unknown overlap policy \""
              + text
              + "\""
              + Suggestions.hint(text, OVERLAP)
              + "; expected one of "
              + OVERLAP.stream().collect(Collectors.joining(", ")));
      return null;
    }
    return ScheduleOverlap.valueOf(text.toUpperCase(Locale.ROOT));
  }

  private boolean paused(JsonNode value, String path) {
    if (TreeReader.absent(value)) {
      return false;
    }
    if (!value.isBoolean()) {
      read.error(path, "expected true or false, got " + TreeReader.describe(value));
      return false;
    }
    return value.booleanValue();
  }
}
