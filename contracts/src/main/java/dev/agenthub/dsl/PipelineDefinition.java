package dev.agenthub.dsl;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A validated pipeline: the unit users write in YAML and the snapshot every run carries in its
 * workflow input, so that editing a file never changes a run in flight.
 *
 * @param name unique pipeline name, also the prefix of its workflow ids
 * @param version free-form version string shown in run listings
 * @param description human description, may be empty
 * @param input JSON Schema for run input, or {@code null} to accept any object
 * @param steps the steps, in file order
 * @param budget spend limit, or {@code null} for none
 * @param timeout whole-run timeout as a duration string ("30m"), or {@code null} for none
 * @param output templated JSON evaluated when the run succeeds, or {@code null}
 * @param schedules Temporal Schedules that start runs of this pipeline (none if empty)
 * @param on events that start runs of this pipeline (none if empty)
 */
public record PipelineDefinition(
    String name,
    String version,
    String description,
    JsonNode input,
    List<StepDefinition> steps,
    BudgetDefinition budget,
    String timeout,
    JsonNode output,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ScheduleDefinition> schedules,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<EventTrigger> on) {

  public PipelineDefinition {
    steps = List.copyOf(steps);
    schedules = schedules == null ? List.of() : List.copyOf(schedules);
    on = on == null ? List.of() : List.copyOf(on);
  }

  /** A pipeline without schedules or event triggers. */
  public PipelineDefinition(
      String name,
      String version,
      String description,
      JsonNode input,
      List<StepDefinition> steps,
      BudgetDefinition budget,
      String timeout,
      JsonNode output) {
    this(name, version, description, input, steps, budget, timeout, output, null, null);
  }

  /** The step with this id, if any. */
  public Optional<StepDefinition> step(String id) {
    return steps.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /**
   * The agents this pipeline runs, each once, in file order: its steps' and its agent loops' tools'
   * (the declarations a run of it must carry).
   */
  public List<String> agentNames() {
    return steps.stream()
        .flatMap(
            s ->
                Stream.concat(
                    Stream.of(s.agent()),
                    s.loop() == null
                        ? Stream.empty()
                        : s.loop().tools().stream().map(ToolDefinition::agent)))
        .filter(Objects::nonNull)
        .distinct()
        .toList();
  }
}
