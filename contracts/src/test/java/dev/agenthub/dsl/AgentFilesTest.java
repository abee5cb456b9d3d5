package dev.agenthub.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agenthub.agents.AgentDeclaration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentFilesTest {

  @TempDir Path dir;

  @Test
  void loadDirectory_readsEveryField() throws IOException {
    Files.writeString(
        dir.resolve("score-lead.yml"),
        """
        name: score-lead
        description: Scores a lead
        taskQueue: scoring
        arguments: {type: object, properties: {company: {type: string}}}
        output: {type: object}
        timeout: 30s
        retry: {maxAttempts: 2, initialInterval: 1s}
        heartbeatTimeout: 10s
        costBearing: true
        """);
    Files.writeString(dir.resolve("notes.txt"), "not an agent");

    List<AgentDeclaration> agents = AgentFiles.loadDirectory(dir);

    assertThat(agents).hasSize(1);
    AgentDeclaration agent = agents.get(0);
    assertThat(agent.name()).isEqualTo("score-lead");
    assertThat(agent.description()).isEqualTo("Scores a lead");
    assertThat(agent.taskQueue()).isEqualTo("scoring");
    assertThat(agent.external()).isTrue();
    assertThat(agent.timeout()).isEqualTo("30s");
    assertThat(agent.retry().maxAttempts()).isEqualTo(2);
    assertThat(agent.heartbeatTimeout()).isEqualTo("10s");
    assertThat(agent.costBearing()).isTrue();
    assertThat(agent.output().path("type").asText()).isEqualTo("object");
    assertThat(agent.spec().optionalArguments()).containsExactly("company");
  }

  @Test
  void loadDirectory_missingDirectory_declaresNone() {
    assertThat(AgentFiles.loadDirectory(dir.resolve("absent"))).isEmpty();
  }

  @Test
  void loadDirectory_invalidFiles_listEveryProblemWithFileAndPath() throws IOException {
    Files.writeString(
        dir.resolve("a.yml"),
        """
        name: Bad_Name
        arguments: {type: objekt}
        timeout: soon
        colour: blue
        """);
    Files.writeString(dir.resolve("b.yml"), "name: llm\narguments: {type: object}\n");

    AgentFiles.InvalidAgentFilesException e =
        catchThrowableOfType(
            AgentFiles.InvalidAgentFilesException.class, () -> AgentFiles.loadDirectory(dir));

    assertThat(e.problems())
        .contains(
            "a.yml: colour: unknown field",
            "a.yml: timeout: invalid duration \"soon\"",
            "b.yml: name: \"llm\" is a built-in agent")
        .anySatisfy(p -> assertThat(p).startsWith("a.yml: name: \"Bad_Name\" is not a valid"))
        .anySatisfy(p -> assertThat(p).startsWith("a.yml: arguments.type: "));
  }

  @Test
  void parse_duplicateNamesAcrossFiles_failTheLoad() throws IOException {
    String agent = "name: same\narguments: {type: object}\n";
    Files.writeString(dir.resolve("one.yml"), agent);
    Files.writeString(dir.resolve("two.yml"), agent);

    assertThat(
            catchThrowableOfType(
                    AgentFiles.InvalidAgentFilesException.class,
                    () -> AgentFiles.loadDirectory(dir))
                .problems())
        .containsExactly("two.yml: name: duplicate agent name \"same\" (already in one.yml)");
  }

  @Test
  void parse_requiresArguments() {
    List<ValidationError> errors = new ArrayList<>();
    AgentFiles.parse("name: x\n", errors);
    assertThat(errors)
        .extracting(ValidationError::toString)
        .contains("arguments: required (a JSON Schema of the step's with)");
  }
}
