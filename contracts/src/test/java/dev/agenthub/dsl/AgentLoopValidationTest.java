package dev.agenthub.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agenthub.agents.AgentCatalog;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AgentLoopValidationTest {

  private static final AgentCatalog AGENTS = AgentCatalog.builtIn();

  private static final String VALID =
      """
      name: research
      steps:
        - id: research
          agent: llm
          with: {prompt: "Research ${{ input.topic }}", model: sim-small}
          maxTurns: 4
          toolChoice: auto
          parallelToolCalls: true
          responseSchema:
            type: object
            properties: {summary: {type: string}}
          tools:
            - name: search_web
              description: Searches the web
              agent: http
              with:
                url: "${{ 'http://127.0.0.1:8080/search?q=' + args.query }}"
              arguments:
                type: object
                properties: {query: {type: string}}
                required: [query]
              requireApproval: true
              timeout: 30s
              retry: {maxAttempts: 2}
            - name: shape
              agent: transform
      """;

  @Test
  void agentNames_includeTheAgentsOfTheLoopsTools() {
    PipelineDefinition pipeline = PipelineLoader.parse(VALID, "p.yml", AGENTS);

    assertThat(pipeline.agentNames()).containsExactly("llm", "http", "transform");
  }

  @Test
  void parse_readsTheLoopWithItsTools() {
    PipelineDefinition pipeline = PipelineLoader.parse(VALID, "p.yml", AGENTS);

    AgentLoopDefinition loop = pipeline.steps().get(0).loop();
    assertThat(loop.maxTurns()).isEqualTo(4);
    assertThat(loop.toolChoice()).isEqualTo("auto");
    assertThat(loop.parallelToolCalls()).isTrue();
    assertThat(loop.maxTranscriptBytes())
        .isEqualTo(AgentLoopDefinition.DEFAULT_MAX_TRANSCRIPT_BYTES);
    assertThat(loop.tools())
        .extracting(ToolDefinition::name)
        .containsExactly("search_web", "shape");
    ToolDefinition search = loop.tool("search_web");
    assertThat(search.requireApproval()).isTrue();
    assertThat(search.retry().maxAttempts()).isEqualTo(2);
    assertThat(loop.tool("shape").requireApproval()).isFalse();
  }

  @Test
  void parse_stepWithoutToolKeys_hasNoLoop_andMaxTurnsDefaultsToEight() {
    PipelineDefinition plain =
        PipelineLoader.parse(
            "name: p\nsteps:\n  - id: a\n    agent: llm\n    with: {prompt: hi}\n",
            "p.yml",
            AGENTS);
    PipelineDefinition tools =
        PipelineLoader.parse(
            "name: p\nsteps:\n  - id: a\n    agent: llm\n    with: {prompt: hi}\n"
                + "    tools: [{name: t, agent: transform}]\n",
            "p.yml",
            AGENTS);

    assertThat(plain.steps().get(0).loop()).isNull();
    assertThat(tools.steps().get(0).loop().maxTurns()).isEqualTo(8);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidLoops")
  void parse_rejectsInvalidLoop_withExactPaths(
      String rule, String stepYaml, List<String> expected) {
    String yaml = "name: p\nsteps:\n" + stepYaml;
    PipelineValidationException e =
        catchThrowableOfType(
            PipelineValidationException.class, () -> PipelineLoader.parse(yaml, "p.yml", AGENTS));

    assertThat(e).as("expected %s to be rejected", rule).isNotNull();
    assertThat(e.errors())
        .extracting(ValidationError::toString)
        .containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> invalidLoops() {
    String llm = "  - id: a\n    agent: llm\n    with: {prompt: hi}\n";
    return Stream.of(
        Arguments.of(
            "tools on another agent",
            "  - id: a\n    agent: http\n    with: {url: 'http://x'}\n"
                + "    tools: [{name: t, agent: transform}]\n",
            List.of("steps[0].tools: only an llm step (agent: llm) takes tools and their options")),
        Arguments.of(
            "maxTurns without tools, out of range",
            llm + "    maxTurns: 0\n",
            List.of(
                "steps[0].tools: at least one tool is required",
                "steps[0].maxTurns: must be from 1 to 50, got 0")),
        Arguments.of(
            "unknown tool field, bad name, unknown agent",
            llm + "    tools:\n      - {name: 'bad name', agent: nope, colour: red}\n",
            List.of(
                "steps[0].tools[0].colour: unknown field",
                "steps[0].tools[0].name: \"bad name\" is not a valid tool name (letters, digits,"
                    + " _ and -, at most 64)",
                "steps[0].tools[0].agent: unknown agent \"nope\" (known: http, llm, notify,"
                    + " transform)")),
        Arguments.of(
            "duplicate tool names and an unknown toolChoice",
            llm
                + "    toolChoice: search\n"
                + "    tools:\n      - {name: t, agent: transform}\n"
                + "      - {name: t, agent: transform}\n",
            List.of(
                "steps[0].tools[1].name: duplicate tool name \"t\" (first at tools[0])",
                "steps[0].toolChoice: expected auto, none, required or the name of a tool, got"
                    + " \"search\"")),
        Arguments.of(
            "with without arguments, unknown argument, bad template",
            llm
                + "    tools:\n      - name: s\n        agent: http\n"
                + "        with: {url: '${{ args.q + }}', verb: GET}\n",
            List.of(
                "steps[0].tools[0].arguments: required when the tool sets with (describe what the"
                    + " model passes as args)",
                "steps[0].tools[0].with.verb: unknown argument for agent \"http\"",
                "steps[0].tools[0].with.url: syntax error at column 9 in \"args.q +\": mismatched"
                    + " input '<EOF>' expecting {'[', '{', '(', '.', '-', '!', 'true', 'false',"
                    + " 'null', NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES, IDENTIFIER}")),
        Arguments.of(
            "http tool without schema, arguments not an object, approval not a boolean",
            llm
                + "    tools:\n      - {name: s, agent: http, requireApproval: yes please}\n"
                + "      - {name: u, agent: transform, arguments: {type: string}}\n",
            List.of(
                "steps[0].tools[0].requireApproval: expected true or false, got string \"yes"
                    + " please\"",
                "steps[0].tools[0].arguments: required for built-in agent \"http\" without with"
                    + " (it declares no schema)",
                "steps[0].tools[1].arguments.type: tool arguments must be an object (type:"
                    + " object)")),
        Arguments.of(
            "transcript bound out of range, bad timeout",
            llm
                + "    maxTranscriptBytes: 10\n"
                + "    tools: [{name: t, agent: transform, timeout: soon}]\n",
            List.of(
                "steps[0].maxTranscriptBytes: must be from 1024 to 1048576, got 10",
                "steps[0].tools[0].timeout: invalid duration \"soon\"")));
  }
}
