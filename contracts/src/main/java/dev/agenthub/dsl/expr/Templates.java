package dev.agenthub.dsl.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders {@code ${{ expr }}} templates inside JSON values. A string that is exactly one template
 * takes the expression's JSON value (so {@code "${{ steps.a.output }}"} stays an object); a string
 * with text around templates becomes a string with each value spliced in (strings as-is, other
 * values as JSON). A {@code ${{ secrets.NAME }}} reference stays as it is (see {@link
 * SecretReferences}).
 */
public final class Templates {

  /** {@code ${{ expr }}} where expr holds no {@code }}}, so two templates never read as one. */
  private static final Pattern TEMPLATE =
      Pattern.compile("\\$\\{\\{((?:(?!}}).)*)}}", Pattern.DOTALL);

  private Templates() {}

  /** The expressions inside every string of {@code value}, in document order. */
  public static List<String> expressionsIn(JsonNode value) {
    List<String> expressions = new ArrayList<>();
    collect(value, expressions);
    return expressions;
  }

  /** The expressions inside one string. */
  public static List<String> expressionsIn(String text) {
    List<String> expressions = new ArrayList<>();
    Matcher matcher = TEMPLATE.matcher(text);
    while (matcher.find()) {
      expressions.add(matcher.group(1).trim());
    }
    return expressions;
  }

  /** {@code value} with every template evaluated over {@code variables}. */
  public static JsonNode render(JsonNode value, Map<String, JsonNode> variables) {
    return render(value, variables, ExpressionLimits.ENFORCED);
  }

  /** {@link #render(JsonNode, Map)}, enforcing the evaluation limits or not. */
  public static JsonNode render(
      JsonNode value, Map<String, JsonNode> variables, ExpressionLimits limits) {
    if (value == null) {
      return null;
    }
    if (value.isTextual()) {
      return renderText(value.textValue(), variables, limits);
    }
    if (value.isObject()) {
      ObjectNode rendered = JsonNodeFactory.instance.objectNode();
      value
          .properties()
          .forEach(e -> rendered.set(e.getKey(), render(e.getValue(), variables, limits)));
      return rendered;
    }
    if (value.isArray()) {
      ArrayNode rendered = JsonNodeFactory.instance.arrayNode();
      value.forEach(element -> rendered.add(render(element, variables, limits)));
      return rendered;
    }
    return value;
  }

  private static JsonNode renderText(
      String text, Map<String, JsonNode> variables, ExpressionLimits limits) {
    Matcher matcher = TEMPLATE.matcher(text);
    if (matcher.matches() && !isSecret(matcher)) {
      return CelExpressions.evaluate(matcher.group(1).trim(), variables, limits);
    }
    matcher.reset();
    StringBuilder out = new StringBuilder();
    boolean any = false;
    while (matcher.find()) {
      any = true;
      String spliced;
      if (isSecret(matcher)) {
        // Resolved by the agent inside its activity; the run only ever holds the reference.
        spliced = matcher.group();
      } else {
        JsonNode part = CelExpressions.evaluate(matcher.group(1).trim(), variables, limits);
        spliced = part.isTextual() ? part.textValue() : part.toString();
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(spliced));
    }
    if (!any) {
      return JsonNodeFactory.instance.textNode(text);
    }
    matcher.appendTail(out);
    return JsonNodeFactory.instance.textNode(out.toString());
  }

  private static boolean isSecret(Matcher template) {
    return SecretReferences.secretName(template.group(1)).isPresent();
  }

  private static void collect(JsonNode value, List<String> into) {
    if (value == null) {
      return;
    }
    if (value.isTextual()) {
      into.addAll(expressionsIn(value.textValue()));
    } else if (value.isContainerNode()) {
      value.forEach(child -> collect(child, into));
    }
  }
}
