package dev.agenthub.run;

import static dev.agenthub.run.TestPipelines.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.MissingNode;
import dev.agenthub.cost.Usage;
import org.junit.jupiter.api.Test;

/** What an agent loop makes of the model's turns, without a workflow. */
class LoopResultsTest {

  @Test
  void plus_ofNoUsage_isTheTotal() {
    Usage total = new Usage("m", 1, 2, 0.25, true);

    assertThat(LoopResults.plus(total, null)).isSameAs(total);
  }

  @Test
  void plus_addsTheCounts_keepingTheLatestModel_elseTheEarlierOne() {
    Usage first = new Usage("a", 1, 2, 0.25, true);

    assertThat(LoopResults.plus(first, new Usage("b", 3, 4, 0.5, true)))
        .isEqualTo(new Usage("b", 4, 6, 0.75, true));
    assertThat(LoopResults.plus(first, new Usage(null, 0, 0, 0, false)))
        .isEqualTo(new Usage("a", 1, 2, 0.25, false));
  }

  @Test
  void turnSummary_namesTheTurnItsUsageAndTheToolsItAskedFor() {
    String summary =
        LoopResults.turnSummary(
                2,
                new Usage("m", 10, 5, 0.25, true),
                json(
                    "[{\"id\": \"c1\", \"name\": \"lookup\"}, {\"id\": \"c2\", \"name\": \"fetch\"}]"))
            .toString();

    assertThat(summary)
        .isEqualTo(
            "{\"turn\":2,\"model\":\"m\",\"inputTokens\":10,\"outputTokens\":5,"
                + "\"costUsd\":0.25,\"toolCalls\":[\"lookup\",\"fetch\"]}");
    assertThat(LoopResults.turnSummary(1, null, MissingNode.getInstance()).toString())
        .isEqualTo("{\"turn\":1,\"toolCalls\":[]}");
  }

  @Test
  void parse_readsJsonFencedInMarkdown_andAnythingElseAsNull() {
    assertThat(LoopResults.parse("```json\n{\"a\": 1}\n```")).isEqualTo(json("{\"a\": 1}"));
    assertThat(LoopResults.parse("  {\"a\": 1}  ")).isEqualTo(json("{\"a\": 1}"));
    assertThat(LoopResults.parse("the answer is 1")).isNull();
  }
}
