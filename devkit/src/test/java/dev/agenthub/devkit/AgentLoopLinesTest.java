package dev.agenthub.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentLoopLinesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void of_agentLoopOutput_listsEachTurnWithItsCost_andItsToolCallsUnderIt() throws Exception {
    var output =
        JSON.readTree(
            """
            {"text": "done", "turns": 2,
             "perTurn": [
               {"turn": 1, "model": "sim-small", "inputTokens": 34, "outputTokens": 83,
                "costUsd": 0.000142, "toolCalls": ["search_web", "count_words"]},
               {"turn": 2, "model": "sim-small", "inputTokens": 172, "outputTokens": 127,
                "costUsd": 0.000277, "toolCalls": []}],
             "toolCalls": [
               {"id": "a", "name": "search_web", "turn": 1, "status": "failed", "costUsd": 0},
               {"id": "b", "name": "count_words", "turn": 1, "status": "succeeded", "costUsd": 0}]}
            """);

    assertThat(AgentLoopLines.of(output))
        .containsExactly(
            "turn 1  sim-small 34+83 tokens $0.000142",
            "  tool search_web     failed            $0.000000",
            "  tool count_words    succeeded         $0.000000",
            "turn 2  sim-small 172+127 tokens $0.000277");
  }

  @Test
  void of_anyOtherOutput_isNoLines() {
    assertThat(AgentLoopLines.of(JSON.valueToTree(Map.of("text", "hi")))).isEmpty();
    assertThat(AgentLoopLines.of(null)).isEqualTo(List.of());
  }

  @Test
  void search_answersThreeResultsForTheQuery_theSameEveryTime() {
    DevSearchResource search = new DevSearchResource();

    Map<String, Object> first = search.search(new DevSearchResource.Query("durable agents"));

    assertThat(first.get("query")).isEqualTo("durable agents");
    assertThat((List<?>) first.get("results")).hasSize(3);
    assertThat(search.search(new DevSearchResource.Query("durable agents"))).isEqualTo(first);
  }
}
