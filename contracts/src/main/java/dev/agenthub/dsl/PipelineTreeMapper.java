package dev.agenthub.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Maps a parsed document onto {@link PipelineDefinition}, checking only its shape: known keys and
 * value types. Values it cannot map become {@code null} and an error; semantic checks are {@link
 * PipelineValidator}'s job.
 */
final class PipelineTreeMapper {

  private static final Set<String> PIPELINE_FIELDS =
      Set.of(
          "name",
          "version",
          "description",
          "input",
          "budget",
          "timeout",
          "steps",
          "output",
          "schedules",
          "on");
  private static final Set<String> STEP_FIELDS =
      union(
          Set.of(
              "id",
              "agent",
              "type",
              "with",
              "needs",
              "when",
              "retry",
              "timeout",
              "onError",
              "forEach",
              "concurrency",
              "onItemError",
              "pipeline"),
          AgentLoopMapper.STEP_FIELDS);
  private static final Set<String> RETRY_FIELDS =
      Set.of(
          "maxAttempts",
          "initialInterval",
          "backoffCoefficient",
          "maximumInterval",
          "nonRetryableErrors");
  private static final Set<String> BUDGET_FIELDS = Set.of("maxCostUsd");
  private static final List<String> STEP_TYPES =
      Arrays.stream(StepType.values()).map(StepType::yamlName).toList();
  private static final List<String> ON_ERROR =
      Arrays.stream(OnError.values()).map(v -> v.name().toLowerCase(Locale.ROOT)).toList();

  private final TreeReader read = new TreeReader();
  private final TriggerTreeMapper triggers = new TriggerTreeMapper(read);

  /** Shape errors found by the last {@link #map}. */
  List<ValidationError> errors() {
    return read.errors();
  }

  /** The definition {@code root} describes, as far as it could be read. */
  PipelineDefinition map(JsonNode root) {
    read.rejectUnknownKeys(root, "", PIPELINE_FIELDS);
    String version = read.scalarText(root.get("version"), "version");
    return new PipelineDefinition(
        read.string(root.get("name"), "name"),
        version == null ? "1" : version,
        orEmpty(read.string(root.get("description"), "description")),
        read.object(root.get("input"), "input", "an object (a JSON Schema)"),
        steps(root.get("steps")),
        budget(root.get("budget")),
        read.string(root.get("timeout"), "timeout"),
        TreeReader.absent(root.get("output")) ? null : root.get("output"),
        triggers.schedules(root.get("schedules")),
        triggers.on(root.get("on")));
  }

  private List<StepDefinition> steps(JsonNode value) {
    List<StepDefinition> steps = new ArrayList<>();
    if (TreeReader.absent(value)) {
      return steps;
    }
    if (!value.isArray()) {
      read.error("steps", "expected a list of steps, got " + TreeReader.describe(value));
      return steps;
    }
    for (int i = 0; i < value.size(); i++) {
      String path = DocumentPaths.index("steps", i);
      JsonNode step = read.object(value.get(i), path, "a step (an object)");
      if (step == null) {
        if (TreeReader.absent(value.get(i))) {
          read.error(path, "expected a step (an object), got null");
        }
        // A placeholder keeps later steps at their own index in the validator's paths.
        steps.add(new StepDefinition(null, null, null, null, null, null, null, null, null));
      } else {
        steps.add(step(step, path));
      }
    }
    return steps;
  }

  private StepDefinition step(JsonNode step, String path) {
    read.rejectUnknownKeys(step, path, STEP_FIELDS);
    String agent = read.string(step.get("agent"), path + ".agent");
    String pipeline = read.string(step.get("pipeline"), path + ".pipeline");
    StepType type = stepType(step.get("type"), path + ".type", agent);
    if (type == null && agent == null && pipeline != null && TreeReader.absent(step.get("type"))) {
      type = StepType.PIPELINE;
    }
    return new StepDefinition(
        read.string(step.get("id"), path + ".id"),
        type,
        agent,
        read.object(step.get("with"), path + ".with", "an object"),
        read.strings(step.get("needs"), path + ".needs", true),
        read.string(step.get("when"), path + ".when"),
        retry(read, step.get("retry"), path + ".retry"),
        read.string(step.get("timeout"), path + ".timeout"),
        onError(step.get("onError"), path + ".onError"),
        forEach(step, path),
        pipeline,
        new AgentLoopMapper(read).map(step, path));
  }

  /** The step's {@code forEach} with its {@code concurrency} and {@code onItemError}, or null. */
  private ForEachDefinition forEach(JsonNode step, String path) {
    String items = read.string(step.get("forEach"), path + ".forEach");
    Integer concurrency = read.integer(step.get("concurrency"), path + ".concurrency");
    OnError onItemError = onError(step.get("onItemError"), path + ".onItemError");
    if (items != null) {
      return new ForEachDefinition(items, concurrency, onItemError);
    }
    if (TreeReader.absent(step.get("forEach"))) {
      for (String key : List.of("concurrency", "onItemError")) {
        if (!TreeReader.absent(step.get(key))) {
          read.error(path + "." + key, "only allowed with forEach");
        }
      }
    }
    return null;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }

  private StepType stepType(JsonNode value, String path, String agent) {
    String text = read.string(value, path);
    if (text == null) {
      return TreeReader.absent(value) && agent != null ? StepType.AGENT : null;
    }
    if (!STEP_TYPES.contains(text)) {
      read.error(
          path,
          "unknown type \""
              + text
              + "\""
              + Suggestions.hint(text, STEP_TYPES)
              + "; expected one of "
              + String.join(", ", STEP_TYPES));
      return null;
    }
    return StepType.valueOf(text.toUpperCase(Locale.ROOT));
  }

  private OnError onError(JsonNode value, String path) {
    String text = read.string(value, path);
    if (text == null) {
      return null;
    }
    if (!ON_ERROR.contains(text)) {
      read.error(
          path,
          "expected one of "
              + ON_ERROR.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(", "))
              + ", got \""
              + text
              + "\"");
      return null;
    }
    return OnError.valueOf(text.toUpperCase(Locale.ROOT));
  }

  /** The retry policy at {@code path}, shape errors going to {@code read}; null when absent. */
  static RetryDefinition retry(TreeReader read, JsonNode value, String path) {
    JsonNode retry = read.object(value, path, "an object");
    if (retry == null) {
      return null;
    }
    read.rejectUnknownKeys(retry, path, RETRY_FIELDS);
    return new RetryDefinition(
        read.integer(retry.get("maxAttempts"), path + ".maxAttempts"),
        read.string(retry.get("initialInterval"), path + ".initialInterval"),
        read.number(retry.get("backoffCoefficient"), path + ".backoffCoefficient"),
        read.string(retry.get("maximumInterval"), path + ".maximumInterval"),
        read.strings(retry.get("nonRetryableErrors"), path + ".nonRetryableErrors", true));
  }

  private BudgetDefinition budget(JsonNode value) {
    JsonNode budget = read.object(value, "budget", "an object");
    if (budget == null) {
      return null;
    }
    read.rejectUnknownKeys(budget, "budget", BUDGET_FIELDS);
    return new BudgetDefinition(read.number(budget.get("maxCostUsd"), "budget.maxCostUsd"));
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }
}
