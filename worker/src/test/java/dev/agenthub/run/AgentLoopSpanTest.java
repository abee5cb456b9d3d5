package dev.agenthub.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
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

  @Test
  void spanId_isTheFirstEightBytesOfTheIdentitysSha256_inHex() throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256")
            .digest("run-1\nr-1\nresearch\n-1\n1".getBytes(StandardCharsets.UTF_8));

    assertThat(AgentLoopSpan.spanId("run-1", "r-1", "research", -1, 1))
        .isEqualTo(HexFormat.of().formatHex(digest, 0, 8));
  }
}
