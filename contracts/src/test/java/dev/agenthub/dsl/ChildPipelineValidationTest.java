package dev.agenthub.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agenthub.agents.AgentCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildPipelineValidationTest {

  private static final AgentCatalog AGENTS = AgentCatalog.builtIn();

  private static List<String> errorsOf(String yaml) {
    PipelineValidationException e =
        catchThrowableOfType(
            PipelineValidationException.class, () -> PipelineLoader.parse(yaml, "p.yml", AGENTS));
    assertThat(e).as("expected the definition to be rejected").isNotNull();
    return e.errors().stream().map(ValidationError::toString).toList();
  }

  @Test
  void parse_pipelineStep_isOfTypePipeline_withTheChildsInputAsWith() {
    PipelineDefinition pipeline =
        PipelineLoader.parse(
            """
            name: parent
            steps:
              - id: each
                forEach: input.docs
                pipeline: summarise
                with: {text: "${{ item.text }}"}
            """,
            "p.yml",
            AGENTS);

    StepDefinition step = pipeline.steps().get(0);
    assertThat(step.type()).isEqualTo(StepType.PIPELINE);
    assertThat(step.pipeline()).isEqualTo("summarise");
    assertThat(step.kind()).isEqualTo("pipeline:summarise");
  }

  @Test
  void parse_pipelineStepWithRetryTimeoutOrAgent_isRejectedWithPaths() {
    assertThat(
            errorsOf(
                """
                name: parent
                steps:
                  - {id: a, pipeline: child, retry: {maxAttempts: 2}, timeout: 1m}
                  - {id: b, agent: notify, pipeline: child, with: {text: hi}}
                  - {id: c, pipeline: Not_A_Name}
                """))
        .containsExactly(
            "steps[0].retry: not allowed for type \"pipeline\"",
            "steps[0].timeout: not allowed for type \"pipeline\"",
            "steps[1].pipeline: not allowed with agent (give one of agent, type or pipeline)",
            "steps[2].pipeline: \"Not_A_Name\" is not a valid pipeline name");
  }

  @Test
  void loadDirectory_pipelinesCallingThemselves_areInvalidWithTheCycle(@TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("a.yml"), "name: a\nsteps:\n  - {id: x, pipeline: b}\n");
    Files.writeString(
        dir.resolve("b.yml"),
        "name: b\nsteps:\n  - {id: y, agent: notify, with: {text: hi}}\n  - {id: z, pipeline:"
            + " a}\n");
    Files.writeString(dir.resolve("c.yml"), "name: c\nsteps:\n  - {id: self, pipeline: c}\n");
    Files.writeString(dir.resolve("d.yml"), "name: d\nsteps:\n  - {id: gone, pipeline: nope}\n");

    PipelineCatalog catalog = PipelineCatalog.loadDirectory(dir, AGENTS);

    assertThat(catalog.valid()).isEmpty();
    assertThat(catalog.invalid().get("a.yml"))
        .extracting(ValidationError::toString)
        .containsExactly("steps[0].pipeline: cycle: a -> b -> a");
    assertThat(catalog.invalid().get("b.yml"))
        .extracting(ValidationError::toString)
        .containsExactly("steps[1].pipeline: cycle: b -> a -> b");
    assertThat(catalog.invalid().get("c.yml"))
        .extracting(ValidationError::toString)
        .containsExactly("steps[0].pipeline: cycle: c -> c");
    assertThat(catalog.invalid().get("d.yml"))
        .extracting(ValidationError::toString)
        .containsExactly("steps[0].pipeline: unknown pipeline \"nope\" (known: a, b, c, d)");
  }

  @Test
  void descendants_areEveryPipelineRunBelow_transitively(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("top.yml"),
        "name: top\nsteps:\n  - {id: m, pipeline: middle}\n  - {id: l, pipeline: leaf}\n");
    Files.writeString(
        dir.resolve("middle.yml"), "name: middle\nsteps:\n  - {id: l, pipeline: leaf}\n");
    Files.writeString(
        dir.resolve("leaf.yml"),
        "name: leaf\nsteps:\n  - {id: n, agent: notify, with: {text: hi}}\n");

    PipelineCatalog catalog = PipelineCatalog.loadDirectory(dir, AGENTS);

    assertThat(catalog.descendants(catalog.find("top").orElseThrow()))
        .containsOnlyKeys("middle", "leaf");
    assertThat(catalog.descendants(catalog.find("leaf").orElseThrow())).isEmpty();
  }
}
