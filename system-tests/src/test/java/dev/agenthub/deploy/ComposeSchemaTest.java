package dev.agenthub.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.agenthub.system.TestTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every docker-compose*.yml validates against the Compose Specification's JSON Schema (draft-07),
 * read in place from {@code ../shared/schemas/compose-spec.json} (no Docker engine on these
 * machines, so no {@code docker compose config}).
 */
class ComposeSchemaTest {

  private static Schema schema;

  @BeforeAll
  static void compileSchema() throws Exception {
    Path file = RepoFiles.root().resolveSibling("shared").resolve("schemas/compose-spec.json");
    if (!Files.isRegularFile(file)) {
      TestTools.missing(
          "Compose Specification schema not found at "
              + file.normalize()
              + " (the developers' shared/ directory beside the checkout)");
    }
    ObjectNode json = (ObjectNode) RepoFiles.JSON.readTree(file.toFile());
    // The schema names its dialect https://json-schema.org/draft-07/schema; the validator bundles
    // the
    // draft-07 meta-schema under its canonical id, and never fetches anything remote.
    json.put("$schema", "http://json-schema.org/draft-07/schema#");
    json.remove("$id");
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_7,
            builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));
    schema = registry.getSchema(json.toString(), InputFormat.JSON);
    schema.initializeValidators();
  }

  private static List<String> errors(JsonNode document) {
    return schema.validate(document.toString(), InputFormat.JSON).stream()
        .map(e -> e.getInstanceLocation() + ": " + e.getMessage())
        .toList();
  }

  @Test
  void theThreeComposeFilesExist() {
    assertThat(RepoFiles.composeFiles())
        .extracting(p -> p.getFileName().toString())
        .contains(
            "docker-compose.yml",
            "docker-compose.temporal.yml",
            "docker-compose.observability.yml");
  }

  @Test
  void everyComposeFileConformsToTheComposeSpecification() {
    for (Path file : RepoFiles.composeFiles()) {
      assertThat(errors(RepoFiles.yaml(file))).as("schema errors in %s", file).isEmpty();
    }
  }

  @Test
  void theValidatorRejectsWhatComposeWouldReject() throws Exception {
    JsonNode bad =
        RepoFiles.YAML.readTree(
            """
            services:
              api:
                image: agenthub-api:1
                depends_on:
                  temporal:
                    condition: when_it_feels_like_it
                helthcheck:
                  test: [CMD, "true"]
            """);
    assertThat(errors(bad)).isNotEmpty();
  }
}
