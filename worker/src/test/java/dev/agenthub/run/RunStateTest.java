package dev.agenthub.run;

import static dev.agenthub.run.TestPipelines.agent;
import static dev.agenthub.run.TestPipelines.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.StepDefinition;
import dev.agenthub.dsl.expr.ExpressionLimits;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RunStateTest {

  private static RunState stateOf(int steps) {
    PipelineDefinition pipeline =
        TestPipelines.pipeline(
            IntStream.range(0, steps)
                .mapToObj(i -> agent("s" + i, "echo", "{}"))
                .toArray(StepDefinition[]::new));
    return new RunState(
        pipeline, json("{}"), JsonNodeFactory.instance.objectNode(), ExpressionLimits.ENFORCED);
  }

  @Test
  void progress_leavesOutOutputsPastTheTotalLimit_howeverManyStepsRun() {
    RunState state = stateOf(300);
    String text = "x".repeat(15 * 1024);
    for (int i = 0; i < 300; i++) {
      state.running("s" + i, Instant.EPOCH);
      state.succeeded("s" + i, Instant.EPOCH, JsonNodeFactory.instance.textNode(text), 1, null);
    }

    RunProgress progress = state.progress();

    long shown = progress.steps().stream().filter(s -> s.output() != null).count();
    assertThat(shown).isEqualTo(RunState.MAX_VIEW_TOTAL_OUTPUT_BYTES / (15 * 1024 + 2));
    assertThat(progress.steps().get(299).outputTruncated()).isTrue();
    assertThat(progress.steps().get(299).outputBytes()).isEqualTo(15 * 1024 + 2);
    assertThat(progress.toString().length()).isLessThan(512 * 1024);
  }

  @Test
  void variablesObject_holdsOnlyTheStepsRead() {
    RunState state = stateOf(3);

    assertThat(state.variablesObject(Optional.of(Set.of("s1"))).path("steps").size()).isEqualTo(1);
    assertThat(state.variablesObject(Optional.empty()).path("steps").size()).isEqualTo(3);
  }
}
