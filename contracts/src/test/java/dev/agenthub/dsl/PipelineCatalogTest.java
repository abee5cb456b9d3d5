package dev.agenthub.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.agents.AgentCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineCatalogTest {

  private static final String VALID =
      """
      name: greet
      input: {type: object, required: [who], properties: {who: {type: string}}}
      steps:
        - {id: hello, agent: notify, with: {text: "Hello ${{ input.who }}"}}
      """;

  @Test
  void loadDirectory_separatesValidInvalidAndDuplicateFiles(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a-greet.yml"), VALID);
    Files.writeString(
        dir.resolve("b-broken.yaml"), "name: broken\nsteps:\n  - {id: x, agent: lm}\n");
    Files.writeString(dir.resolve("c-greet-again.yml"), VALID);
    Files.writeString(dir.resolve("notes.txt"), "not a pipeline");
    Files.createDirectory(dir.resolve("nested.yml"));

    PipelineCatalog catalog = PipelineCatalog.loadDirectory(dir, AgentCatalog.builtIn());

    assertThat(catalog.valid()).extracting(PipelineDefinition::name).containsExactly("greet");
    assertThat(catalog.find("greet")).isPresent();
    assertThat(catalog.find("broken")).isEmpty();
    assertThat(catalog.invalid()).containsOnlyKeys("b-broken.yaml", "c-greet-again.yml");
    assertThat(catalog.invalid().get("b-broken.yaml"))
        .extracting(ValidationError::toString)
        .containsExactly(
            "steps[0].agent: unknown agent \"lm\" (known: http, llm, notify, transform)");
    assertThat(catalog.invalid().get("c-greet-again.yml"))
        .extracting(ValidationError::toString)
        .containsExactly(
            "name: duplicate pipeline name \"greet\" (already defined in a-greet.yml)");
  }

  @Test
  void invalidSummaries_nameEachFileWithItsFirstError(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a-greet.yml"), VALID);
    Files.writeString(
        dir.resolve("b-broken.yml"),
        "name: broken\nsteps:\n  - {id: x, agent: lm}\n  - {id: y, agent: lm}\n");
    Files.writeString(dir.resolve("c-greet-again.yml"), VALID);

    PipelineCatalog catalog = PipelineCatalog.loadDirectory(dir, AgentCatalog.builtIn());

    assertThat(catalog.invalidSummaries())
        .containsExactly(
            "b-broken.yml: steps[0].agent: unknown agent \"lm\" (known: http, llm, notify,"
                + " transform) (and 1 more)",
            "c-greet-again.yml: name: duplicate pipeline name \"greet\" (already defined in"
                + " a-greet.yml)");
  }

  @Test
  void inputValidator_isCompiledOnceAndChecksInput(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("greet.yml"), VALID);
    PipelineCatalog catalog = PipelineCatalog.loadDirectory(dir, AgentCatalog.builtIn());

    InputValidator validator = catalog.inputValidator("greet");

    assertThat(catalog.inputValidator("greet")).isSameAs(validator);
    assertThat(validator.validate(new ObjectMapper().readTree("{\"who\":\"world\"}"))).isEmpty();
    assertThat(validator.validate(new ObjectMapper().readTree("{}"))).hasSize(1);
    assertThatThrownBy(() -> catalog.inputValidator("nope"))
        .isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void loadDirectory_ofEmptyDirectory_isEmpty(@TempDir Path dir) {
    PipelineCatalog catalog = PipelineCatalog.loadDirectory(dir, AgentCatalog.builtIn());

    assertThat(catalog.valid()).isEmpty();
    assertThat(catalog.invalid()).isEmpty();
  }
}
