package dev.agenthub.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.agenthub.dsl.expr.ElementReferences;
import java.util.Map;

/**
 * One element of a {@code forEach} step: its position and value, which its expressions read as
 * {@code index} and {@code item}.
 */
record ForEachElement(int index, JsonNode item) {

  /** The variables the element adds to the run's. */
  Map<String, JsonNode> variables() {
    return Map.of(ElementReferences.ITEM, item, ElementReferences.INDEX, IntNode.valueOf(index));
  }

  /** The element's key under its step: {@code summaries[3]}. */
  String key(String stepId) {
    return stepId + "[" + index + "]";
  }
}
