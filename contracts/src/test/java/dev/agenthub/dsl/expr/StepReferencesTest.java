package dev.agenthub.dsl.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class StepReferencesTest {

  @Test
  void exactlyIn_namesTheStepsAnExpressionReads() {
    assertThat(
            StepReferences.exactlyIn(
                "steps.a.output.text + steps['b'].output.text + (has(steps.c.output) ? 'c' : '')"))
        .contains(Set.of("a", "b", "c"));
    assertThat(StepReferences.exactlyIn("input.topic")).contains(Set.of());
  }

  @Test
  void exactlyIn_isEmpty_whenTheExpressionReadsStepsAsAWhole() {
    assertThat(StepReferences.exactlyIn("size(steps)")).isEmpty();
    assertThat(StepReferences.exactlyIn("steps[input.name].output")).isEmpty();
    assertThat(StepReferences.exactlyIn("steps.a.output + steps.map(s, s).size()")).isEmpty();
  }
}
