package dev.agenthub.agents.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Neutralises Slack mentions in text that templates produced, where any part may come from run
 * input: broadcasts and user groups ({@code <!channel>}, {@code <!here>}, {@code <!everyone>},
 * {@code <!subteam^ID>}) and users ({@code <@U123>}). Their angle brackets become {@code &lt;} and
 * {@code &gt;}, which Slack shows as the characters instead of notifying anyone. Links ({@code
 * <https://...|label>}) and channel references ({@code <#C123>}) are left alone.
 */
final class SlackMentions {

  private static final Pattern MENTION = Pattern.compile("<([!@][^<>]*)>");

  private SlackMentions() {}

  /** {@code text} with every mention escaped. */
  static String escape(String text) {
    Matcher matcher = MENTION.matcher(text);
    return matcher.replaceAll(match -> Matcher.quoteReplacement("&lt;" + match.group(1) + "&gt;"));
  }

  /** A copy of {@code node} (Block Kit blocks) with mentions escaped in every string it holds. */
  static JsonNode escape(JsonNode node) {
    if (node.isTextual()) {
      return TextNode.valueOf(escape(node.textValue()));
    }
    if (node.isArray()) {
      ArrayNode copy = ((ArrayNode) node).arrayNode();
      node.forEach(element -> copy.add(escape(element)));
      return copy;
    }
    if (node.isObject()) {
      ObjectNode copy = ((ObjectNode) node).objectNode();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        copy.set(field.getKey(), escape(field.getValue()));
      }
      return copy;
    }
    return node;
  }
}
