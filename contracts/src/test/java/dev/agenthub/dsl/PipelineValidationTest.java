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

class PipelineValidationTest {

  private static final AgentCatalog AGENTS = AgentCatalog.builtIn();

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidDefinitions")
  void parse_rejectsInvalidDefinition_withExactPathsAndMessages(
      String rule, String yaml, List<String> expected) {
    PipelineValidationException e =
        catchThrowableOfType(
            PipelineValidationException.class, () -> PipelineLoader.parse(yaml, "p.yml", AGENTS));

    assertThat(e).as("expected %s to be rejected", rule).isNotNull();
    assertThat(e.errors())
        .extracting(ValidationError::toString)
        .containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> invalidDefinitions() {
    return Stream.of(
        Arguments.of(
            "YAML syntax error",
            """
            name: x
            steps:
              - id: a
                agent: [llm
            """,
            List.of(
                "invalid YAML at line 5, column 1: while parsing a flow sequence; expected ','"
                    + " or ']', but got <stream end>")),
        Arguments.of(
            "duplicate YAML key",
            """
            name: x
            name: y
            steps: []
            """,
            List.of("invalid YAML at line 2, column 5: Duplicate field 'name'")),
        Arguments.of(
            "empty file",
            "# nothing here\n",
            List.of("the definition is empty; expected a mapping with at least name and steps")),
        Arguments.of(
            "top level is not a mapping",
            "- a\n- b\n",
            List.of("expected a mapping with at least name and steps, got a list")),
        Arguments.of(
            "missing name",
            """
            steps:
              - {id: a, agent: notify, with: {text: hi}}
            """,
            List.of("name: required")),
        Arguments.of(
            "bad name pattern",
            """
            name: Research Brief
            steps:
              - {id: a, agent: notify, with: {text: hi}}
            """,
            List.of(
                "name: \"Research Brief\" is not a valid pipeline name (lowercase letters,"
                    + " digits and -, not starting with -, at most 63 characters)")),
        Arguments.of("missing steps", "name: x\n", List.of("steps: at least one step is required")),
        Arguments.of(
            "steps is not a list",
            "name: x\nsteps: 5\n",
            List.of("steps: expected a list of steps, got number 5")),
        Arguments.of(
            "unknown top-level key",
            """
            name: x
            stpes: []
            steps:
              - {id: a, agent: notify, with: {text: hi}}
            """,
            List.of("stpes: unknown field (did you mean \"steps\"?)")),
        Arguments.of(
            "unknown step key",
            """
            name: x
            steps:
              - {id: a, agent: notify, with: {text: hi}}
              - {id: b, agnet: notify, type: agent, with: {text: hi}}
            """,
            List.of(
                "steps[1].agnet: unknown field (did you mean \"agent\"?)",
                "steps[1].agent: required for type \"agent\"")),
        Arguments.of(
            "needs holds a number",
            """
            name: x
            steps:
              - {id: a, agent: notify, with: {text: hi}, needs: [1]}
            """,
            List.of("steps[0].needs[0]: expected a string, got number 1")),
        Arguments.of(
            "maxAttempts is not a number",
            """
            name: x
            steps:
              - {id: a, agent: notify, with: {text: hi}, retry: {maxAttempts: "x"}}
            """,
            List.of("steps[0].retry.maxAttempts: expected an integer, got string \"x\"")),
        Arguments.of(
            "missing and invalid step ids",
            """
            name: x
            steps:
              - {agent: notify, with: {text: hi}}
              - {id: 2nd, agent: notify, with: {text: hi}}
            """,
            List.of(
                "steps[0].id: required",
                "steps[1].id: \"2nd\" is not a valid step id (letters, digits and _, not"
                    + " starting with a digit, at most 63 characters)")),
        Arguments.of(
            "duplicate step id",
            """
            name: x
            steps:
              - {id: outline, agent: notify, with: {text: hi}}
              - {id: draft, agent: notify, with: {text: hi}}
              - {id: other, agent: notify, with: {text: hi}}
              - {id: draft, agent: notify, with: {text: hi}}
            """,
            List.of("steps[3].id: duplicate step id \"draft\" (first at steps[1])")),
        Arguments.of(
            "unknown need",
            """
            name: x
            steps:
              - {id: outline, agent: notify, with: {text: hi}}
              - {id: draft, agent: notify, with: {text: hi}}
              - {id: review, agent: notify, with: {text: hi}, needs: [draf]}
            """,
            List.of("steps[2].needs[0]: unknown step \"draf\"")),
        Arguments.of(
            "self dependency",
            """
            name: x
            steps:
              - {id: a, agent: notify, with: {text: hi}, needs: a}
            """,
            List.of("steps[0].needs[0]: step \"a\" cannot need itself")),
        Arguments.of(
            "cycle",
            """
            name: x
            steps:
              - {id: start, agent: notify, with: {text: hi}}
              - {id: a, agent: notify, with: {text: hi}, needs: [start, b]}
              - {id: b, agent: notify, with: {text: hi}, needs: [c]}
              - {id: c, agent: notify, with: {text: hi}, needs: [a]}
            """,
            List.of("steps[1].needs[1]: cycle: a -> b -> c -> a")),
        Arguments.of(
            "neither agent nor type",
            """
            name: x
            steps:
              - {id: a, with: {text: hi}}
            """,
            List.of("steps[0]: one of agent or type is required")),
        Arguments.of(
            "unknown type",
            """
            name: x
            steps:
              - {id: a, type: sleeep, with: {duration: 1s}}
            """,
            List.of(
                "steps[0].type: unknown type \"sleeep\" (did you mean \"sleep\"?); expected"
                    + " one of agent, approval, sleep, pipeline")),
        Arguments.of(
            "agent and type conflict",
            """
            name: x
            steps:
              - {id: a, type: sleep, agent: llm, with: {duration: 1s}}
            """,
            List.of("steps[0].agent: not allowed with type \"sleep\" (give either agent or type)")),
        Arguments.of(
            "unknown agent",
            """
            name: x
            steps:
              - {id: a, agent: lm, with: {prompt: hi}}
            """,
            List.of("steps[0].agent: unknown agent \"lm\" (known: http, llm, notify, transform)")),
        Arguments.of(
            "missing required agent argument",
            """
            name: x
            steps:
              - {id: a, agent: http, with: {method: GET}}
            """,
            List.of("steps[0].with.url: required by agent \"http\"")),
        Arguments.of(
            "missing one of alternative arguments, and an unknown one",
            """
            name: x
            steps:
              - {id: a, agent: llm, with: {promt: hi}}
            """,
            List.of(
                "steps[0].with: agent \"llm\" needs one of prompt, messages",
                "steps[0].with.promt: unknown argument for agent \"llm\"")),
        Arguments.of(
            "bad durations",
            """
            name: x
            timeout: forever
            steps:
              - {id: a, agent: notify, with: {text: hi}}
              - id: b
                agent: notify
                with: {text: hi}
                timeout: 5 minutes
                retry: {initialInterval: 0s, maximumInterval: 1x}
            """,
            List.of(
                "timeout: invalid duration \"forever\"",
                "steps[1].retry.initialInterval: invalid duration \"0s\"",
                "steps[1].retry.maximumInterval: invalid duration \"1x\"",
                "steps[1].timeout: invalid duration \"5 minutes\"")),
        Arguments.of(
            "retry bounds",
            """
            name: x
            steps:
              - id: a
                agent: notify
                with: {text: hi}
                retry: {maxAttempts: 0, backoffCoefficient: 0.5, initialInterval: 1m, maximumInterval: 1s}
            """,
            List.of(
                "steps[0].retry.maxAttempts: must be at least 1, got 0",
                "steps[0].retry.backoffCoefficient: must be at least 1.0, got 0.5",
                "steps[0].retry.maximumInterval: must not be shorter than initialInterval")),
        Arguments.of(
            "sleep without duration, approval with extra argument",
            """
            name: x
            steps:
              - {id: a, type: sleep}
              - {id: b, type: approval, with: {message: ok, channel: x}}
            """,
            List.of(
                "steps[0].with.duration: required for type \"sleep\"",
                "steps[1].with.channel: unknown argument for type \"approval\" (allowed:"
                    + " message)")),
        Arguments.of(
            "sleep with a bad duration",
            """
            name: x
            steps:
              - {id: a, type: sleep, with: {duration: soon}}
            """,
            List.of("steps[0].with.duration: invalid duration \"soon\"")),
        Arguments.of(
            "when does not compile",
            """
            name: x
            steps:
              - {id: a, agent: notify, with: {text: hi}}
              - {id: b, agent: notify, with: {text: hi}}
              - {id: c, agent: notify, with: {text: hi}, when: "input.x >"}
            """,
            List.of(
                "steps[2].when: syntax error at column 10 in \"input.x >\": mismatched"
                    + " input '<EOF>' expecting {'[', '{', '(', '.', '-', '!',"
                    + " 'true', 'false', 'null', NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES,"
                    + " IDENTIFIER}")),
        Arguments.of(
            "template and transform expression that do not compile",
            """
            name: x
            steps:
              - id: a
                agent: llm
                with:
                  messages:
                    - {role: system, content: fixed}
                    - {role: user, content: "Hi ${{ secrets.key }}"}
              - {id: b, agent: transform, with: {expression: "input.("}, needs: [a]}
            """,
            List.of(
                "steps[0].with.messages[1].content: `${{ secrets.key }}` may only be used in the"
                    + " header values of an http step",
                "steps[1].with.expression: syntax error at column 7 in \"input.(\": no"
                    + " viable alternative at input '.('")),
        Arguments.of(
            "reference to a step that is not upstream",
            """
            name: x
            steps:
              - {id: outline, agent: llm, with: {prompt: hi}}
              - {id: draft, agent: llm, with: {prompt: hi}, needs: outline}
              - id: review
                agent: llm
                needs: outline
                when: "steps.outline.status == 'succeeded'"
                with: {prompt: "Review ${{ steps.draft.output.text }}"}
            """,
            List.of(
                "steps[2].with.prompt: references step \"draft\" which is not upstream (add it"
                    + " to needs)")),
        Arguments.of(
            "reference to unknown and own steps",
            """
            name: x
            steps:
              - id: a
                agent: transform
                with: {expression: "steps['a'].output + steps.nope.output"}
            output: {x: "${{ steps.ghost.output }}", y: "${{ steps.a.output }}"}
            """,
            List.of(
                "steps[0].with.expression: step \"a\" cannot reference itself",
                "steps[0].with.expression: references unknown step \"nope\"",
                "output.x: references unknown step \"ghost\"")),
        Arguments.of(
            "wrong scalar types and onError",
            """
            name: x
            budget: {maxCostUsd: 0}
            steps:
              - {id: a, agent: notify, with: [text], when: true, onError: ignore}
            """,
            List.of(
                "steps[0].with: expected an object, got a list",
                "steps[0].when: expected a string, got boolean true",
                "steps[0].onError: expected one of \"fail\", \"continue\", got \"ignore\"",
                "budget.maxCostUsd: must be greater than 0")),
        Arguments.of(
            "input schema that is not a valid schema",
            """
            name: x
            input:
              type: objekt
              required: topic
            steps:
              - {id: a, agent: notify, with: {text: hi}}
            """,
            List.of(
                "input.type: does not have a value in the enumeration [\"array\","
                    + " \"boolean\", \"integer\", \"null\", \"number\", \"object\","
                    + " \"string\"]",
                "input.type: string found, array expected",
                "input.required: string found, array expected")),
        Arguments.of(
            "retry on a sleep step",
            """
            name: x
            steps:
              - {id: s, type: sleep, with: {duration: 1s}, retry: {maxAttempts: 2}}
            """,
            List.of("steps[0].retry: not allowed for type \"sleep\"")),
        Arguments.of(
            "retry on an approval step",
            """
            name: x
            steps:
              - {id: ok, type: approval, retry: {maxAttempts: 2}}
            """,
            List.of("steps[0].retry: not allowed for type \"approval\"")),
        Arguments.of(
            "unknown argument of a sleep step",
            """
            name: x
            steps:
              - {id: s, type: sleep, with: {duration: 1s, until: tomorrow}}
            """,
            List.of(
                "steps[0].with.until: unknown argument for type \"sleep\" (allowed: duration)")),
        Arguments.of(
            "unknown key in retry",
            """
            name: x
            steps:
              - {id: a, agent: notify, with: {text: hi}, retry: {maxAttempt: 2}}
            """,
            List.of("steps[0].retry.maxAttempt: unknown field (did you mean \"maxAttempts\"?)")),
        Arguments.of(
            "unknown key in budget",
            """
            name: x
            budget: {maxCost: 1}
            steps:
              - {id: a, agent: notify, with: {text: hi}}
            """,
            List.of("budget.maxCost: unknown field", "budget.maxCostUsd: required")),
        Arguments.of(
            "retry just below its lower bounds",
            """
            name: x
            steps:
              - id: a
                agent: notify
                with: {text: hi}
                retry: {maxAttempts: 0, backoffCoefficient: 0.99, initialInterval: 2s,
                        maximumInterval: 1999ms}
            """,
            List.of(
                "steps[0].retry.maxAttempts: must be at least 1, got 0",
                "steps[0].retry.backoffCoefficient: must be at least 1.0, got 0.99",
                "steps[0].retry.maximumInterval: must not be shorter than initialInterval")),
        Arguments.of(
            "secrets outside the header values of an http step",
            """
            name: x
            steps:
              - id: a
                agent: http
                with:
                  url: "https://api.example.com/${{ secrets.TOKEN }}"
                  headers: {Authorization: "Bearer ${{ secrets.TOKEN }}"}
                  body: {key: "${{ secrets.TOKEN }}"}
              - {id: b, agent: notify, with: {text: "${{ secrets.TOKEN }}", headers: "${{ secrets.X }}"}}
              - {id: c, agent: transform, with: {expression: "secrets.TOKEN"}, when: "secrets.A == ''"}
            """,
            List.of(
                "steps[0].with.url: `${{ secrets.TOKEN }}` may only be used in the header values"
                    + " of an http step",
                "steps[0].with.body.key: `${{ secrets.TOKEN }}` may only be used in the header"
                    + " values of an http step",
                "steps[1].with.headers: unknown argument for agent \"notify\"",
                "steps[1].with.text: `${{ secrets.TOKEN }}` may only be used in the header values"
                    + " of an http step",
                "steps[1].with.headers: `${{ secrets.X }}` may only be used in the header values"
                    + " of an http step",
                "steps[2].when: invalid expression at column 1 in \"secrets.A == ''\":"
                    + " undeclared reference to 'secrets' (in container '')",
                "steps[2].with.expression: invalid expression at column 1 in \"secrets.TOKEN\":"
                    + " undeclared reference to 'secrets' (in container '')")));
  }

  @Test
  void parse_acceptsSecretsInTheHeaderValuesOfAnHttpStep() {
    PipelineDefinition definition =
        PipelineLoader.parse(
            """
            name: x
            steps:
              - id: a
                agent: http
                with:
                  url: https://api.example.com/items
                  headers:
                    Authorization: "Bearer ${{ secrets.API_TOKEN }}"
                    X-Key: "${{secrets.KEY_2}}"
            """,
            "p.yml",
            AGENTS);

    assertThat(definition.steps().get(0).with().path("headers").path("X-Key").textValue())
        .isEqualTo("${{secrets.KEY_2}}");
  }

  @Test
  void parse_acceptsRetryAtItsLowerBounds() throws Exception {
    PipelineDefinition definition =
        PipelineLoader.parse(
            """
            name: x
            steps:
              - id: a
                agent: notify
                with: {text: hi}
                retry: {maxAttempts: 1, backoffCoefficient: 1.0, initialInterval: 2s,
                        maximumInterval: 2s, nonRetryableErrors: [AgentClientError]}
            """,
            "p.yml",
            AGENTS);

    assertThat(definition.steps().get(0).retry())
        .isEqualTo(new RetryDefinition(1, "2s", 1.0, "2s", List.of("AgentClientError")));
  }

  @Test
  void parse_collectsErrorsFromEveryStep_notJustTheFirst() {
    PipelineValidationException e =
        catchThrowableOfType(
            PipelineValidationException.class,
            () ->
                PipelineLoader.parse(
                    """
                    name: x
                    steps:
                      - {id: a, agent: lm}
                      - {id: b, agent: notify, with: {text: hi}, needs: [zz], timeout: 3 days}
                    """,
                    "p.yml",
                    AGENTS));

    assertThat(e.errors()).hasSize(3);
    assertThat(e.getMessage()).startsWith("p.yml:\nsteps[0].agent: unknown agent \"lm\"");
  }

  @Test
  void validate_checksDefinitionsBuiltInCode() {
    PipelineDefinition definition =
        new PipelineDefinition(
            "in-code",
            "1",
            "",
            null,
            List.of(
                new StepDefinition(
                    "a", StepType.AGENT, "notify", null, List.of("b"), null, null, null, null)),
            null,
            null,
            null);

    assertThat(PipelineValidator.validate(definition, AGENTS))
        .extracting(ValidationError::toString)
        .containsExactly(
            "steps[0].with.text: required by agent \"notify\"",
            "steps[0].needs[0]: unknown step \"b\"");
  }
}
