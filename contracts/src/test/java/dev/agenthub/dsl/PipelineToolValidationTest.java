package dev.agenthub.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agenthub.agents.AgentCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineToolValidationTest {

  private static final AgentCatalog AGENTS = AgentCatalog.builtIn();

  private static String loop(String name, String tools) {
    return "name: "
        + name
        + "\nsteps:\n  - id: ask\n    agent: llm\n    with: {prompt: hi}\n    tools:\n"
        + tools;
  }

  private static List<String> errorsOf(String yaml) {
    PipelineValidationException e =
        catchThrowableOfType(
            PipelineValidationException.class, () -> PipelineLoader.parse(yaml, "p.yml", AGENTS));
    assertThat(e).as("expected the definition to be rejected").isNotNull();
    return e.errors().stream().map(ValidationError::toString).toList();
  }

  @Test
  void parse_pipelineTool_readsThePipelineWithoutAnAgentOrArguments() {
    PipelineDefinition pipeline =
        PipelineLoader.parse(
            loop("parent", "      - {name: summarise, pipeline: summarise}\n"), "p.yml", AGENTS);

    ToolDefinition tool = pipeline.steps().get(0).loop().tools().get(0);
    assertThat(tool.pipeline()).isEqualTo("summarise");
    assertThat(tool.agent()).isNull();
    assertThat(tool.arguments()).isNull();
  }

  @Test
  void parse_toolWithBothNeitherOrABadPipeline_isRejectedWithPaths() {
    assertThat(
            errorsOf(
                loop(
                    "parent",
                    """
                          - {name: both, agent: transform, pipeline: child}
                          - {name: neither}
                          - {name: bad, pipeline: Not_A_Name}
                          - {name: templated, pipeline: child, with: {text: "${{ args.text }}"}}
                          - {name: tuned, pipeline: child, retry: {maxAttempts: 2}, timeout: 1m}
                    """)))
        .containsExactly(
            "steps[0].tools[0].pipeline: not allowed with agent (give one of agent or pipeline)",
            "steps[0].tools[1].agent: required (or pipeline)",
            "steps[0].tools[2].pipeline: \"Not_A_Name\" is not a valid pipeline name",
            "steps[0].tools[3].arguments: required when the tool sets with (describe what the"
                + " model passes as args)",
            "steps[0].tools[4].retry: not allowed with pipeline (the child's steps retry)",
            "steps[0].tools[4].timeout: not allowed with pipeline (the child's steps time out)");
  }

  @Test
  void loadDirectory_pipelineToolNamingAnUnknownPipelineOrItself_isInvalidWithThePath(
      @TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("a.yml"),
        loop("a", "      - {name: ok, pipeline: leaf}\n      - {name: x, pipeline: x}\n"));
    Files.writeString(dir.resolve("b.yml"), loop("b", "      - {name: again, pipeline: b}\n"));
    Files.writeString(
        dir.resolve("leaf.yml"),
        "name: leaf\nsteps:\n  - {id: n, agent: notify, with: {text: hi}}\n");

    PipelineCatalog catalog = PipelineCatalog.loadDirectory(dir, AGENTS);

    assertThat(catalog.valid()).extracting(PipelineDefinition::name).containsExactly("leaf");
    assertThat(catalog.invalid().get("a.yml"))
        .extracting(ValidationError::toString)
        .containsExactly("steps[0].tools[1].pipeline: unknown pipeline \"x\" (known: a, b, leaf)");
    assertThat(catalog.invalid().get("b.yml"))
        .extracting(ValidationError::toString)
        .containsExactly("steps[0].tools[0].pipeline: cycle: b -> b");
  }

  @Test
  void loadDirectory_cycleThroughAPipelineTool_isInvalidOnBothSides(@TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("a.yml"), loop("a", "      - {name: run_b, pipeline: b}\n"));
    Files.writeString(dir.resolve("b.yml"), "name: b\nsteps:\n  - {id: back, pipeline: a}\n");

    PipelineCatalog catalog = PipelineCatalog.loadDirectory(dir, AGENTS);

    assertThat(catalog.valid()).isEmpty();
    assertThat(catalog.invalid().get("a.yml"))
        .extracting(ValidationError::toString)
        .containsExactly("steps[0].tools[0].pipeline: cycle: a -> b -> a");
    assertThat(catalog.invalid().get("b.yml"))
        .extracting(ValidationError::toString)
        .containsExactly("steps[0].pipeline: cycle: b -> a -> b");
  }

  @Test
  void descendants_includePipelinesRunByTools_transitively(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("top.yml"), loop("top", "      - {name: mid, pipeline: middle}\n"));
    Files.writeString(
        dir.resolve("middle.yml"), "name: middle\nsteps:\n  - {id: l, pipeline: leaf}\n");
    Files.writeString(
        dir.resolve("leaf.yml"),
        "name: leaf\nsteps:\n  - {id: n, agent: notify, with: {text: hi}}\n");

    PipelineCatalog catalog = PipelineCatalog.loadDirectory(dir, AGENTS);

    assertThat(catalog.descendants(catalog.find("top").orElseThrow()))
        .containsOnlyKeys("middle", "leaf");
  }
}
