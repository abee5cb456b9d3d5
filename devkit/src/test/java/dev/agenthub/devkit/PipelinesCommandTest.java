package dev.agenthub.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pipelines validate} and {@code pipelines graph}, driven through the program's Cli. */
class PipelinesCommandTest {

  private static final Path EXAMPLES = Path.of("..", "pipelines");

  @TempDir Path dir;

  private final CommandLine cli = new CommandLine();

  private Optional<Throwable> agenthub(String... args) {
    return cli.run(args);
  }

  private String out() {
    return cli.out();
  }

  private String err() {
    return cli.err();
  }

  private Path write(String name, String yaml) throws Exception {
    return Files.writeString(dir.resolve(name), yaml);
  }

  private Path badFile() throws Exception {
    return write(
        "bad.yml",
        """
        name: bad
        steps:
          - {id: a, agent: transform, with: {expression: "1"}}
          - {id: b, agent: http, needs: [a], with: {url: "${{ steps.nope.output }}"}}
        """);
  }

  @Test
  void validate_ofAGoodFile_printsOkAndSucceeds() {
    Path file = EXAMPLES.resolve("research-brief.yml");

    Optional<Throwable> error = agenthub("pipelines", "validate", file.toString());

    assertThat(error).isEmpty();
    assertThat(out()).isEqualTo("ok  " + file + System.lineSeparator());
  }

  @Test
  void validate_ofABadFile_printsEachErrorWithItsPathAndFails() throws Exception {
    Path file = badFile();

    Optional<Throwable> error = agenthub("pipelines", "validate", file.toString());

    assertThat(error).isPresent();
    assertThat(out())
        .isEqualTo(
            file
                + ": steps[1].with.url: references unknown step \"nope\""
                + System.lineSeparator());
    assertThat(err()).isEqualTo("1 of 1 pipeline file is invalid" + System.lineSeparator());
    assertThat(out() + err()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void validate_ofADirectory_checksEachYamlFileAndFailsWhenOneIsInvalid() throws Exception {
    Files.copy(EXAMPLES.resolve("approval-demo.yml"), dir.resolve("approval-demo.yml"));
    badFile();
    write("notes.txt", "not a pipeline");

    Optional<Throwable> error = agenthub("pipelines", "validate", dir.toString());

    assertThat(error).isPresent();
    assertThat(out())
        .contains("ok  " + dir.resolve("approval-demo.yml"))
        .contains(dir.resolve("bad.yml") + ": steps[1].with.url: ")
        .doesNotContain("notes.txt");
    assertThat(err()).contains("1 of 2 pipeline files are invalid");
  }

  @Test
  void validate_ofTheExamples_succeeds() {
    assertThat(agenthub("pipelines", "validate", EXAMPLES.toString())).isEmpty();
    assertThat(out().lines()).hasSize(7).allMatch(line -> line.startsWith("ok  "));
  }

  @Test
  void graph_ofApprovalDemo_printsMermaidWithTheApprovalMarked() {
    Optional<Throwable> error =
        agenthub("pipelines", "graph", "approval-demo", "--pipelines", EXAMPLES.toString());

    assertThat(error).isEmpty();
    assertThat(out())
        .startsWith("flowchart TD\n")
        .contains("  draft[\"draft<br/>llm\"]\n")
        .contains("  review{{\"review<br/>approval\"}}\n")
        .contains("  class review approval\n")
        .contains("  publish[\"publish<br/>transform\"]\n")
        .contains("  draft --> review\n")
        .contains("  review --> publish\n");
  }

  @Test
  void graph_ofResearchBriefFile_printsMermaidEdgesOfTheFanOutAndFanIn() {
    Optional<Throwable> error =
        agenthub("pipelines", "graph", EXAMPLES.resolve("research-brief.yml").toString());

    assertThat(error).isEmpty();
    assertThat(out())
        .contains("  outline[\"outline<br/>llm\"]\n")
        .contains("  announce[\"announce<br/>notify\"]\n")
        .contains("  outline --> draft\n")
        .contains("  outline --> stats\n")
        .contains("  draft --> announce\n")
        .contains("  stats --> announce\n");
  }

  @Test
  void graph_asDot_printsNodesAndEdges() {
    Optional<Throwable> error =
        agenthub(
            "pipelines",
            "graph",
            "approval-demo",
            "--pipelines",
            EXAMPLES.toString(),
            "--format",
            "dot");

    assertThat(error).isEmpty();
    assertThat(out())
        .startsWith("digraph \"approval-demo\" {\n")
        .contains("  \"draft\" [label=\"draft\\nllm\"];\n")
        .contains(
            "  \"review\" [label=\"review\\napproval\", shape=hexagon, fillcolor=\"#fff3bf\","
                + " style=\"filled\"];\n")
        .contains("  \"draft\" -> \"review\";\n")
        .contains("  \"review\" -> \"publish\";\n")
        .endsWith("}\n");
  }

  @Test
  void graph_ofResearchBriefAsDot_printsTheFanOutAndFanIn() {
    Optional<Throwable> error =
        agenthub(
            "pipelines",
            "graph",
            "research-brief",
            "--pipelines",
            EXAMPLES.toString(),
            "--format",
            "dot");

    assertThat(error).isEmpty();
    assertThat(out())
        .contains("  \"stats\" [label=\"stats\\ntransform\"];\n")
        .contains("  \"outline\" -> \"draft\";\n")
        .contains("  \"outline\" -> \"stats\";\n")
        .contains("  \"draft\" -> \"announce\";\n")
        .contains("  \"stats\" -> \"announce\";\n");
  }

  @Test
  void graph_marksConditionsAndSleeps() throws Exception {
    Path file =
        write(
            "cond.yml",
            """
            name: cond
            steps:
              - {id: a, agent: transform, with: {expression: "1"}}
              - {id: nap, type: sleep, needs: [a], with: {duration: 5m}}
              - {id: b, agent: transform, needs: [nap], when: 'steps.a.output == "x"', with: {expression: "2"}}
            """);

    assertThat(agenthub("pipelines", "graph", file.toString())).isEmpty();
    assertThat(out())
        .contains("  nap([\"nap<br/>sleep 5m\"])\n")
        .contains("  b[\"b<br/>transform<br/>when: steps.a.output == #quot;x#quot;\"]\n")
        .contains("  class b conditional\n")
        .contains("classDef conditional stroke-dasharray:5 5");
  }

  @Test
  void graph_ofAnUnknownName_saysWhichPipelinesExist() {
    Optional<Throwable> error =
        agenthub("pipelines", "graph", "nope", "--pipelines", EXAMPLES.toString());

    assertThat(error).isPresent();
    assertThat(err())
        .isEqualTo(
            "no pipeline named nope in "
                + EXAMPLES
                + " (known: approval-demo, digest-documents, flaky-http, research-agent,"
                + " research-brief, summarise-document, summarise-documents)"
                + System.lineSeparator());
  }
}
