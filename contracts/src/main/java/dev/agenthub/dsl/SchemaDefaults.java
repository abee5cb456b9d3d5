package dev.agenthub.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Fills in a run input's missing properties from the {@code default}s of its JSON Schema, so that
 * {@code when: "input.detailed"} sees {@code false} rather than a missing key. Defaults are taken
 * from {@code properties} at every level: a property absent from the input gets its default (a deep
 * copy), and a nested object, given or defaulted, gets its own properties' defaults. Defaults
 * reached only through {@code $ref}, {@code allOf}, {@code anyOf}, {@code oneOf} or {@code if} are
 * not applied (which branch applies is not known before validation), and an absent object without a
 * {@code default} of its own is not created.
 */
final class SchemaDefaults {

  private SchemaDefaults() {}

  /** A copy of {@code input} with the defaults of {@code schema} applied; non-objects unchanged. */
  static JsonNode apply(JsonNode schema, JsonNode input) {
    if (input == null || !input.isObject() || schema == null || !schema.isObject()) {
      return input;
    }
    ObjectNode copy = ((ObjectNode) input).deepCopy();
    fill(schema, copy);
    return copy;
  }

  private static void fill(JsonNode schema, ObjectNode object) {
    JsonNode properties = schema.get("properties");
    if (properties == null || !properties.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> property = it.next();
      JsonNode propertySchema = property.getValue();
      if (!propertySchema.isObject()) {
        continue; // a boolean schema has no default
      }
      String name = property.getKey();
      if (!object.has(name) && propertySchema.has("default")) {
        object.set(name, propertySchema.get("default").deepCopy());
      }
      if (object.get(name) instanceof ObjectNode nested) {
        fill(propertySchema, nested);
      }
    }
  }
}
