package dev.agenthub.dsl.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.primitives.UnsignedLong;
import com.google.protobuf.ByteString;
import com.google.protobuf.MessageOrBuilder;
import dev.cel.common.values.CelByteString;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts between Jackson JSON trees and the Java values CEL's runtime works on. */
final class CelValues {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private CelValues() {}

  static Map<String, Object> activation(Map<String, JsonNode> variables) {
    Map<String, Object> activation = new HashMap<>();
    variables.forEach((name, value) -> activation.put(name, fromJson(value)));
    return activation;
  }

  static Object fromJson(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return com.google.protobuf.NullValue.NULL_VALUE;
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.properties().forEach(e -> map.put(e.getKey(), fromJson(e.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      node.forEach(element -> list.add(fromJson(element)));
      return list;
    }
    if (node.isIntegralNumber()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return node.asText();
  }

  /**
   * The JSON form of a CEL value.
   *
   * @throws IllegalArgumentException for values JSON cannot hold (NaN, infinities, CEL types)
   */
  static JsonNode toJson(Object value) {
    if (value == null
        || value instanceof com.google.protobuf.NullValue
        || value instanceof dev.cel.common.values.NullValue) {
      return JSON.nullNode();
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = JSON.objectNode();
      map.forEach((k, v) -> object.set(String.valueOf(k), toJson(v)));
      return object;
    }
    if (value instanceof Iterable<?> iterable) {
      ArrayNode array = JSON.arrayNode();
      iterable.forEach(v -> array.add(toJson(v)));
      return array;
    }
    if (value instanceof Long l) {
      // Small integers become IntNodes, as Jackson parses them, so trees compare equal.
      return l == l.intValue() ? JSON.numberNode(l.intValue()) : JSON.numberNode(l);
    }
    if (value instanceof Integer i) {
      return JSON.numberNode(i);
    }
    if (value instanceof UnsignedLong u) {
      return JSON.numberNode(u.bigIntegerValue());
    }
    if (value instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        throw new IllegalArgumentException(d + " is not a JSON number");
      }
      return JSON.numberNode(d);
    }
    if (value instanceof Boolean b) {
      return JSON.booleanNode(b);
    }
    if (value instanceof ByteString bytes) {
      return JSON.binaryNode(bytes.toByteArray());
    }
    if (value instanceof CharSequence
        || value instanceof CelByteString
        || value instanceof TemporalAccessor
        || value instanceof TemporalAmount
        || value instanceof MessageOrBuilder) {
      // Timestamps, durations and byte strings have a faithful text form.
      return JSON.textNode(String.valueOf(value));
    }
    // Anything else (a CEL type value, say) would reach agents as a Java toString, so refuse it.
    throw new IllegalArgumentException(
        "a " + value.getClass().getSimpleName() + " value has no JSON form");
  }
}
