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

class ForEachValidationTest {

  private static final AgentCatalog AGENTS = AgentCatalog.builtIn();

  @Test
  void parse_forEachStep_readsItemsConcurrencyAndOnItemError() {
    PipelineDefinition pipeline =
        PipelineLoader.parse(
            """
            name: summarise-all
            steps:
              - id: docs
                agent: transform
                with: {expression: "input.documents"}
              - id: summaries
                needs: docs
                forEach: steps.docs.output
                concurrency: 4
                onItemError: continue
                when: item.text != ''
                agent: llm
                with: {prompt: "Summarise document ${{ index }}: ${{ item.text }}"}
            """,
            "p.yml",
            AGENTS);

    ForEachDefinition forEach = pipeline.step("summaries").orElseThrow().forEach();
    assertThat(forEach).isEqualTo(new ForEachDefinition("steps.docs.output", 4, OnError.CONTINUE));
    assertThat(pipeline.step("docs").orElseThrow().forEach()).isNull();
  }

  @Test
  void forEachDefinition_withoutConcurrencyOrOnItemError_usesTenAndFail() {
    ForEachDefinition forEach = new ForEachDefinition("input.xs", null, null);

    assertThat(forEach.effectiveConcurrency()).isEqualTo(10);
    assertThat(forEach.onItemError()).isEqualTo(OnError.FAIL);
  }

  @Test
  void parse_comprehensionBindingItem_isNotAnElementReference() {
    PipelineDefinition pipeline =
        PipelineLoader.parse(
            """
            name: x
            steps:
              - id: a
                agent: transform
                with: {expression: "input.xs.map(item, item * 2)"}
            """,
            "p.yml",
            AGENTS);

    assertThat(pipeline.steps()).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidForEach")
  void parse_invalidForEach_isRejectedWithExactPaths(
      String rule, String yaml, List<String> expected) {
    PipelineValidationException e =
        catchThrowableOfType(
            PipelineValidationException.class, () -> PipelineLoader.parse(yaml, "p.yml", AGENTS));

    assertThat(e).as("expected %s to be rejected", rule).isNotNull();
    assertThat(e.errors())
        .extracting(ValidationError::toString)
        .containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> invalidForEach() {
    return Stream.of(
        Arguments.of(
            "forEach is not a string",
            """
            name: x
            steps:
              - {id: a, forEach: [1, 2], agent: notify, with: {text: hi}}
            """,
            List.of("steps[0].forEach: expected a string, got a list")),
        Arguments.of(
            "forEach does not compile",
            """
            name: x
            steps:
              - {id: a, forEach: "input.(", agent: notify, with: {text: hi}}
            """,
            List.of(
                "steps[0].forEach: syntax error at column 7 in \"input.(\": no viable"
                    + " alternative at input '.('")),
        Arguments.of(
            "forEach reads a step not upstream",
            """
            name: x
            steps:
              - {id: a, forEach: steps.b.output, agent: notify, with: {text: hi}}
              - {id: b, agent: notify, with: {text: hi}}
            """,
            List.of(
                "steps[0].forEach: references step \"b\" which is not upstream (add it to"
                    + " needs)")),
        Arguments.of(
            "forEach reads its own item",
            """
            name: x
            steps:
              - {id: a, forEach: item.xs, agent: notify, with: {text: hi}}
            """,
            List.of(
                "steps[0].forEach: `item` is only defined in the arguments and when of a step"
                    + " with forEach")),
        Arguments.of(
            "item outside a forEach step",
            """
            name: x
            steps:
              - {id: a, agent: notify, with: {text: "${{ item.name }} ${{ index }}"}}
            """,
            List.of(
                "steps[0].with.text: `item` is only defined in the arguments and when of a step"
                    + " with forEach",
                "steps[0].with.text: `index` is only defined in the arguments and when of a step"
                    + " with forEach")),
        Arguments.of(
            "item in the output",
            """
            name: x
            steps:
              - {id: a, forEach: input.xs, agent: notify, with: {text: hi}}
            output: {first: "${{ item }}"}
            """,
            List.of(
                "output.first: `item` is only defined in the arguments and when of a step with"
                    + " forEach")),
        Arguments.of(
            "concurrency out of range",
            """
            name: x
            steps:
              - {id: a, forEach: input.xs, concurrency: 0, agent: notify, with: {text: hi}}
              - {id: b, forEach: input.xs, concurrency: 101, agent: notify, with: {text: hi}}
            """,
            List.of(
                "steps[0].concurrency: must be between 1 and 100, got 0",
                "steps[1].concurrency: must be between 1 and 100, got 101")),
        Arguments.of(
            "concurrency and onItemError without forEach",
            """
            name: x
            steps:
              - {id: a, concurrency: 2, onItemError: continue, agent: notify, with: {text: hi}}
            """,
            List.of(
                "steps[0].concurrency: only allowed with forEach",
                "steps[0].onItemError: only allowed with forEach")),
        Arguments.of(
            "onItemError unknown",
            """
            name: x
            steps:
              - {id: a, forEach: input.xs, onItemError: skip, agent: notify, with: {text: hi}}
            """,
            List.of("steps[0].onItemError: expected one of \"fail\", \"continue\", got \"skip\"")),
        Arguments.of(
            "forEach on an approval",
            """
            name: x
            steps:
              - {id: a, type: approval, forEach: input.xs}
            """,
            List.of("steps[0].forEach: not allowed for type \"approval\"")));
  }
}
