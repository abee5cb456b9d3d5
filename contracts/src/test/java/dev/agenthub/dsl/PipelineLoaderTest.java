package dev.agenthub.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.agents.AgentCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineLoaderTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AgentCatalog AGENTS = AgentCatalog.builtIn();

  static final String FULL =
      """
      name: research-brief
      version: 2
      description: Outline, draft and review a brief.
      input:
        type: object
        required: [topic]
        properties: {topic: {type: string}}
      budget: {maxCostUsd: 0.50}
      timeout: 30m
      steps:
        - id: outline
          agent: llm
          with: {prompt: "Outline ${{ input.topic }}", model: small}
        - id: draft
          type: agent
          agent: llm
          needs: outline
          with:
            messages:
              - {role: user, content: "Draft from ${{ steps.outline.output.text }}"}
          retry:
            maxAttempts: 5
            initialInterval: 1s
            backoffCoefficient: 2.0
            maximumInterval: 30s
            nonRetryableErrors: [AgentClientError]
          timeout: 2m
          onError: continue
        - id: review
          type: approval
          needs: [draft]
          with: {message: "Approve?"}
          timeout: 1h
        - id: pause
          type: sleep
          needs: [review]
          when: "steps.draft.status == 'succeeded'"
          with: {duration: 5s}
        - id: shape
          agent: transform
          needs: [pause]
          with: {expression: "{'len': size(steps.draft.output.text)}"}
      output: {brief: "${{ steps.draft.output.text }}", meta: "${{ steps.shape.output }}"}
      """;

  @Test
  void parse_mapsFullDefinitionOntoRecords() throws Exception {
    PipelineDefinition definition = PipelineLoader.parse(FULL, "research-brief.yml", AGENTS);

    assertThat(definition.name()).isEqualTo("research-brief");
    assertThat(definition.version()).isEqualTo("2");
    assertThat(definition.description()).isEqualTo("Outline, draft and review a brief.");
    assertThat(definition.input().path("required").get(0).textValue()).isEqualTo("topic");
    assertThat(definition.budget()).isEqualTo(new BudgetDefinition(0.5));
    assertThat(definition.timeout()).isEqualTo("30m");
    assertThat(definition.output())
        .isEqualTo(
            JSON.readTree(
                "{\"brief\":\"${{ steps.draft.output.text }}\","
                    + "\"meta\":\"${{ steps.shape.output }}\"}"));
    assertThat(definition.steps())
        .extracting(StepDefinition::id)
        .containsExactly("outline", "draft", "review", "pause", "shape");

    StepDefinition outline = definition.step("outline").orElseThrow();
    assertThat(outline.type()).isEqualTo(StepType.AGENT);
    assertThat(outline.agent()).isEqualTo("llm");
    assertThat(outline.needs()).isEmpty();
    assertThat(outline.onError()).isEqualTo(OnError.FAIL);
    assertThat(outline.with())
        .isEqualTo(
            JSON.readTree("{\"prompt\":\"Outline ${{ input.topic }}\",\"model\":\"small\"}"));

    StepDefinition draft = definition.step("draft").orElseThrow();
    assertThat(draft.needs()).containsExactly("outline");
    assertThat(draft.retry())
        .isEqualTo(new RetryDefinition(5, "1s", 2.0, "30s", List.of("AgentClientError")));
    assertThat(draft.timeout()).isEqualTo("2m");
    assertThat(draft.onError()).isEqualTo(OnError.CONTINUE);
    assertThat(draft.with().at("/messages/0/content").textValue())
        .isEqualTo("Draft from ${{ steps.outline.output.text }}");

    StepDefinition review = definition.step("review").orElseThrow();
    assertThat(review.type()).isEqualTo(StepType.APPROVAL);
    assertThat(review.agent()).isNull();
    assertThat(review.kind()).isEqualTo("approval");
    assertThat(review.timeout()).isEqualTo("1h");

    StepDefinition pause = definition.step("pause").orElseThrow();
    assertThat(pause.type()).isEqualTo(StepType.SLEEP);
    assertThat(pause.when()).isEqualTo("steps.draft.status == 'succeeded'");
    assertThat(pause.with().path("duration").textValue()).isEqualTo("5s");
  }

  @Test
  void parse_defaultsVersionAndOptionalParts() {
    PipelineDefinition definition =
        PipelineLoader.parse(
            """
            name: tiny
            steps:
              - {id: only, agent: notify, with: {text: hi}}
            """,
            "tiny.yml",
            AGENTS);

    assertThat(definition.version()).isEqualTo("1");
    assertThat(definition.description()).isEmpty();
    assertThat(definition.input()).isNull();
    assertThat(definition.budget()).isNull();
    assertThat(definition.timeout()).isNull();
    assertThat(definition.output()).isNull();
    assertThat(definition.steps().get(0).retry()).isNull();
  }

  @Test
  void fromJson_acceptsTheSameDefinitionAsJson() throws Exception {
    JsonNode tree =
        JSON.readTree(
            "{\"name\":\"api-made\",\"steps\":[{\"id\":\"a\",\"agent\":\"http\","
                + "\"with\":{\"url\":\"https://example.com\"}}]}");

    PipelineDefinition definition = PipelineLoader.fromJson(tree, "api-made", AGENTS);

    assertThat(definition.steps().get(0).kind()).isEqualTo("http");
  }

  @Test
  void load_namesTheFileInErrors(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("broken.yml");
    Files.writeString(file, "name: broken\nsteps: []\n");

    assertThatThrownBy(() -> PipelineLoader.load(file, AGENTS))
        .isInstanceOfSatisfying(
            PipelineValidationException.class,
            e -> {
              assertThat(e.source()).isEqualTo("broken.yml");
              assertThat(e.getMessage())
                  .isEqualTo("broken.yml:\nsteps: at least one step is required");
            });
  }

  @Test
  void load_readsTheShippedFullExampleFromDisk(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("research-brief.yaml");
    Files.writeString(file, FULL);

    assertThat(PipelineLoader.load(file, AGENTS).steps()).hasSize(5);
  }
}
