package dev.agenthub.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentLoopSpanTest {

  @Test
  void spanId_sameLoop_isTheSameValidIdEveryTime() {
    String id = AgentLoopSpan.spanId("run-1", "r-1", "research", -1, 1);

    assertThat(id).isEqualTo(AgentLoopSpan.spanId("run-1", "r-1", "research", -1, 1));
    assertThat(SpanId.isValid(id)).isTrue();
  }

  @Test
  void spanId_otherRunStepElementOrSequence_differs() {
    Set<String> ids =
        Set.of(
            AgentLoopSpan.spanId("run-1", "r-1", "research", -1, 1),
            AgentLoopSpan.spanId("run-2", "r-1", "research", -1, 1),
            AgentLoopSpan.spanId("run-1", "r-2", "research", -1, 1),
            AgentLoopSpan.spanId("run-1", "r-1", "summarize", -1, 1),
            AgentLoopSpan.spanId("run-1", "r-1", "research", 0, 1),
            AgentLoopSpan.spanId("run-1", "r-1", "research", -1, 2));

    assertThat(ids).hasSize(6);
  }
}
