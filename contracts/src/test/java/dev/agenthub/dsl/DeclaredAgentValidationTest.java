package dev.agenthub.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.agents.AgentDeclaration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeclaredAgentValidationTest {

  private static final String SCORE_LEAD =
      """
      name: score-lead
      description: Scores a sales lead between 0 and 1
      taskQueue: scoring
      costBearing: true
      arguments:
        type: object
        required: [company]
        properties:
          company: {type: string}
          threshold: {type: number, minimum: 0, maximum: 1}
      """;

  private static AgentCatalog catalog() {
    List<ValidationError> errors = new ArrayList<>();
    AgentDeclaration declaration = AgentFiles.parse(SCORE_LEAD, errors);
    assertThat(errors).isEmpty();
    return AgentCatalog.withDeclared(List.of(declaration));
  }

  private static List<String> errorsOf(String yaml, AgentCatalog catalog) {
    PipelineValidationException e =
        catchThrowableOfType(
            PipelineValidationException.class, () -> PipelineLoader.parse(yaml, "p.yml", catalog));
    return e == null ? List.of() : e.errors().stream().map(ValidationError::toString).toList();
  }

  private static String pipeline(String with) {
    return """
        name: leads
        steps:
          - id: fetch
            agent: transform
            with: {expression: "1"}
          - id: summarize
            agent: llm
            with: {prompt: hi}
          - id: score
            agent: score-lead
            with: %s
        """
        .formatted(with);
  }

  @Test
  void parse_acceptsDeclaredAgent_withArgumentsItsSchemaAllows() {
    assertThat(errorsOf(pipeline("{company: acme, threshold: 0.5}"), catalog())).isEmpty();
  }

  @Test
  void parse_rejectsUnknownArgument_ofDeclaredAgent_atItsExactPath() {
    assertThat(errorsOf(pipeline("{company: acme, treshold: 0.5}"), catalog()))
        .containsExactly("steps[2].with.treshold: unknown argument for agent \"score-lead\"");
  }

  @Test
  void parse_rejectsMissingRequiredArgument_ofDeclaredAgent() {
    assertThat(errorsOf(pipeline("{threshold: 0.5}"), catalog()))
        .containsExactly("steps[2].with.company: required by agent \"score-lead\"");
  }

  @Test
  void parse_rejectsValueTheSchemaForbids_butLeavesTemplatedValuesToTheRun() {
    assertThat(errorsOf(pipeline("{company: acme, threshold: 7}"), catalog()))
        .singleElement()
        .asString()
        .startsWith("steps[2].with.threshold: ")
        .contains("1");
    assertThat(errorsOf(pipeline("{company: acme, threshold: \"${{ input.t }}\"}"), catalog()))
        .isEmpty();
  }

  @Test
  void parse_rejectsUndeclaredAgent() {
    assertThat(errorsOf(pipeline("{company: acme}"), AgentCatalog.builtIn()))
        .singleElement()
        .asString()
        .startsWith("steps[2].agent: unknown agent \"score-lead\"");
  }

  @Test
  void parse_acceptsOtherArguments_whenTheSchemaAllowsAdditionalProperties() {
    List<ValidationError> errors = new ArrayList<>();
    AgentDeclaration open =
        AgentFiles.parse(
            """
            name: score-lead
            arguments: {type: object, additionalProperties: true}
            """,
            errors);
    assertThat(errorsOf(pipeline("{anything: 1}"), AgentCatalog.withDeclared(List.of(open))))
        .isEmpty();
  }
}
