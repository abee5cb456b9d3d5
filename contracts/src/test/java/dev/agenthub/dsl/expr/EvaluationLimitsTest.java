package dev.agenthub.dsl.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationLimitsTest {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** {@code input} with {@code xs}: the numbers 0..n-1, and {@code s}: a string of n chars. */
  private static Map<String, JsonNode> inputOf(int n) {
    ObjectNode input = JSON.objectNode();
    ArrayNode xs = input.putArray("xs");
    for (int i = 0; i < n; i++) {
      xs.add(i);
    }
    input.put("s", "a".repeat(n));
    return Map.of("input", input);
  }

  private static long millisOf(Runnable evaluation) {
    long start = System.nanoTime();
    try {
      evaluation.run();
    } catch (ExpressionException expected) {
      // Timed either way; the assertions check the outcome.
    }
    return Duration.ofNanos(System.nanoTime() - start).toMillis();
  }

  @Test
  void evaluate_stopsAtTheIterationLimit_whenNestedComprehensionsRunOverALargeInput() {
    Map<String, JsonNode> vars = inputOf(2_000);
    String expression = "input.xs.map(x, input.xs.all(y, y >= 0))";

    assertThatThrownBy(() -> CelExpressions.evaluate(expression, vars))
        .isInstanceOf(ExpressionLimitException.class)
        .hasMessageContaining(expression)
        .hasMessageContaining("more than 5000 comprehension iterations");
    assertThat(millisOf(() -> CelExpressions.evaluate(expression, vars))).isLessThan(1_000);
  }

  @Test
  void evaluate_allowsComprehensionsWithinTheLimits() {
    JsonNode value = CelExpressions.evaluate("input.xs.map(x, x * 2)", inputOf(1_000));

    assertThat(value.size()).isEqualTo(1_000);
    assertThat(value.get(999).asInt()).isEqualTo(1_998);
  }

  @Test
  void compile_refusesComprehensionsNestedTooDeeply() {
    String expression =
        "input.xs.all(a, input.xs.all(b, input.xs.all(c, input.xs.all(d, a + b + c + d >= 0))))";

    assertThatThrownBy(() -> CelExpressions.compile(expression))
        .isInstanceOf(ExpressionLimitException.class)
        .hasMessageContaining("nests 4 comprehensions; at most 3 may nest");
    assertThat(CelExpressions.compile("input.xs.all(a, input.xs.all(b, input.xs.all(c, true)))"))
        .isNotNull();
  }

  @Test
  void evaluate_refusesAStringOverTheSizeLimit() {
    Map<String, JsonNode> vars = inputOf(600_000);

    assertThatThrownBy(() -> CelExpressions.evaluate("input.s + input.s", vars))
        .isInstanceOf(ExpressionLimitException.class)
        .hasMessageContaining("computes a string of 1200000 chars; at most 1048576");
    assertThat(CelExpressions.evaluate("size(input.s + 'b')", vars).asInt()).isEqualTo(600_001);
  }

  @Test
  void evaluate_stopsWhenTheValuesItComputesGrowTooLargeInTotal() {
    ObjectNode input = JSON.objectNode();
    ArrayNode xs = input.putArray("xs");
    for (int i = 0; i < 2_000; i++) {
      xs.add(i);
    }
    input.put("s", "a".repeat(100_000));
    Map<String, JsonNode> vars = Map.of("input", input);
    String expression = "input.xs.map(x, input.s + string(x))";

    assertThatThrownBy(() -> CelExpressions.evaluate(expression, vars))
        .isInstanceOf(ExpressionLimitException.class)
        .hasMessageContaining("in total");
    assertThat(millisOf(() -> CelExpressions.evaluate(expression, vars))).isLessThan(1_000);
  }

  @Test
  void compile_refusesAnExpressionOverTheLengthLimit() {
    String expression = "1" + " + 1".repeat(3_000);

    assertThatThrownBy(() -> CelExpressions.compile(expression))
        .isInstanceOf(ExpressionException.class);
  }

  @Test
  void compile_returnsTheCachedProgram_whenTheSameExpressionCompilesAgain() {
    String expression = "input.xs.filter(x, x > 1).size() == 2";

    assertThat(CelExpressions.compile(expression)).isSameAs(CelExpressions.compile(expression));
  }

  @Test
  void evaluate_withoutLimits_runsPastThem_asRunsRecordedBeforeTheLimitsDid() {
    Map<String, JsonNode> vars = inputOf(100);
    String expression = "input.xs.all(x, input.xs.all(y, x + y >= 0))";

    assertThat(CelExpressions.evaluate(expression, vars, ExpressionLimits.NONE).booleanValue())
        .isTrue();
    assertThatThrownBy(() -> CelExpressions.evaluate(expression, vars))
        .isInstanceOf(ExpressionLimitException.class);
  }
}
