package dev.agenthub.dsl.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CelExpressionsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  private static Map<String, JsonNode> vars() throws Exception {
    return Map.of(
        "input", json("{\"topic\":\"durable execution\",\"count\":3,\"tags\":[\"a\",\"b\"]}"),
        "steps",
            json(
                "{\"draft\":{\"status\":\"succeeded\",\"output\":{\"text\":\"hi\",\"n\":2.5}},"
                    + "\"notify\":{\"status\":\"skipped\",\"output\":null}}"),
        "run", json("{\"id\":\"research-brief-1\",\"pipeline\":\"research-brief\"}"));
  }

  @Test
  void evaluate_readsInputStepsAndRun() throws Exception {
    assertThat(CelExpressions.evaluate("input.count * 2", vars())).isEqualTo(json("6"));
    assertThat(CelExpressions.evaluate("steps.draft.output.text + '!'", vars()).textValue())
        .isEqualTo("hi!");
    assertThat(CelExpressions.evaluate("run.pipeline", vars()).textValue())
        .isEqualTo("research-brief");
    assertThat(CelExpressions.evaluate("size(input.tags)", vars())).isEqualTo(json("2"));
    assertThat(CelExpressions.evaluate("steps.notify.output == null", vars()).booleanValue())
        .isTrue();
  }

  @Test
  void evaluate_buildsJsonObjectsAndLists() throws Exception {
    JsonNode value =
        CelExpressions.evaluate(
            "{'topic': input.topic, 'tags': input.tags.map(t, t + '!'), 'half': steps.draft.output.n / 2.0}",
            vars());
    assertThat(value)
        .isEqualTo(
            json("{\"topic\":\"durable execution\",\"tags\":[\"a!\",\"b!\"],\"half\":1.25}"));
  }

  @Test
  void evaluate_offersStringAndMathExtensions() throws Exception {
    assertThat(CelExpressions.evaluate("size(input.topic.split(' '))", vars()))
        .isEqualTo(json("2"));
    assertThat(CelExpressions.evaluate("input.topic.upperAscii()", vars()).textValue())
        .isEqualTo("DURABLE EXECUTION");
    assertThat(CelExpressions.evaluate("math.greatest(1, input.count)", vars()))
        .isEqualTo(json("3"));
  }

  @Test
  void test_requiresBoolean() throws Exception {
    assertThat(CelExpressions.test("steps.notify.status == 'skipped'", vars())).isTrue();
    assertThatThrownBy(() -> CelExpressions.test("input.count", vars()))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("must be a boolean");
  }

  @Test
  void compile_rejectsSyntaxErrorsAndUnknownVariables() {
    assertThatThrownBy(() -> CelExpressions.compile("input.topic +"))
        .isInstanceOf(ExpressionException.class);
    assertThatThrownBy(() -> CelExpressions.compile("secrets.key"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("secrets");
  }

  @Test
  void evaluate_reportsMissingFieldsWithTheExpression() {
    assertThatThrownBy(() -> CelExpressions.evaluate("steps.draft.output.missing", vars()))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("steps.draft.output.missing");
  }

  @Test
  void render_keepsTypesForWholeTemplatesAndSplicesText() throws Exception {
    JsonNode template =
        json(
            "{\"prompt\":\"Write about ${{ input.topic }} in ${{ input.count }} parts\","
                + "\"data\":\"${{ steps.draft.output }}\",\"plain\":\"no templates\",\"n\":1,"
                + "\"list\":[\"${{ input.count + 1 }}\"]}");
    JsonNode rendered = Templates.render(template, vars());
    assertThat(rendered)
        .isEqualTo(
            json(
                "{\"prompt\":\"Write about durable execution in 3 parts\","
                    + "\"data\":{\"text\":\"hi\",\"n\":2.5},\"plain\":\"no templates\",\"n\":1,"
                    + "\"list\":[4]}"));
  }

  @Test
  void render_keepsTwoAdjacentTemplatesApart() throws Exception {
    assertThat(Templates.render(json("\"${{ input.count }}: ${{ run.id }}\""), vars()))
        .isEqualTo(json("\"3: research-brief-1\""));
  }

  @Test
  void expressionsIn_findsEveryTemplate() throws Exception {
    assertThat(
            Templates.expressionsIn(
                json(
                    "{\"a\":\"${{ input.x }} and ${{steps.b.output}}\",\"c\":[\"${{ run.id }}\"]}")))
        .containsExactly("input.x", "steps.b.output", "run.id");
  }

  @Test
  void evaluate_refusesValuesJsonCannotHold() {
    assertThatThrownBy(() -> CelExpressions.evaluate("1.0 / 0.0", vars()))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("expression `1.0 / 0.0` has no JSON value: Infinity is not a JSON number");
    assertThatThrownBy(() -> CelExpressions.evaluate("{'x': [type(1)]}", vars()))
        .isInstanceOf(ExpressionException.class)
        .hasMessageStartingWith("expression `{'x': [type(1)]}` has no JSON value: a ")
        .hasMessageEndingWith(" value has no JSON form");
  }

  @Test
  void evaluate_keepsTimestampsAndDurationsAsText() throws Exception {
    assertThat(CelExpressions.evaluate("timestamp('2024-01-01T00:00:00Z')", vars()).textValue())
        .isEqualTo("2024-01-01T00:00:00Z");
    assertThat(CelExpressions.evaluate("duration('1h')", vars()).isTextual()).isTrue();
  }

  @Test
  void render_leavesSecretReferencesForTheAgent() throws Exception {
    JsonNode rendered =
        Templates.render(
            json(
                "{\"Authorization\": \"Bearer ${{ secrets.TOKEN }}\","
                    + " \"X-Key\": \"${{secrets.KEY}}\", \"X-Topic\": \"${{ input.topic }}\"}"),
            vars());

    assertThat(rendered)
        .isEqualTo(
            json(
                "{\"Authorization\": \"Bearer ${{ secrets.TOKEN }}\","
                    + " \"X-Key\": \"${{secrets.KEY}}\", \"X-Topic\": \"durable execution\"}"));
  }
}
