package dev.agenthub.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Typed reads from a JSON tree that record a {@link ValidationError} instead of throwing, so that
 * one pass reports every shape problem. An absent or {@code null} value reads as {@code null}
 * without error; whether it is required is for {@link PipelineValidator} to say.
 */
final class TreeReader {

  private final List<ValidationError> errors = new ArrayList<>();

  List<ValidationError> errors() {
    return errors;
  }

  void error(String path, String message) {
    errors.add(new ValidationError(path, message));
  }

  /** Records an error for every key of {@code object} not in {@code allowed}. */
  void rejectUnknownKeys(JsonNode object, String path, Set<String> allowed) {
    object
        .fieldNames()
        .forEachRemaining(
            key -> {
              if (!allowed.contains(key)) {
                error(
                    DocumentPaths.key(path, key), "unknown field" + Suggestions.hint(key, allowed));
              }
            });
  }

  static boolean absent(JsonNode value) {
    return value == null || value.isNull() || value.isMissingNode();
  }

  /** The value if it is an object, else {@code null} (with an error if it was present). */
  JsonNode object(JsonNode value, String path, String what) {
    if (absent(value)) {
      return null;
    }
    if (!value.isObject()) {
      error(path, "expected " + what + ", got " + describe(value));
      return null;
    }
    return value;
  }

  String string(JsonNode value, String path) {
    if (absent(value)) {
      return null;
    }
    if (!value.isTextual()) {
      error(path, "expected a string, got " + describe(value));
      return null;
    }
    return value.textValue();
  }

  /** A string, or a number or boolean as written (for free-form values such as versions). */
  String scalarText(JsonNode value, String path) {
    if (absent(value)) {
      return null;
    }
    if (!value.isValueNode()) {
      error(path, "expected a string, got " + describe(value));
      return null;
    }
    return value.asText();
  }

  Integer integer(JsonNode value, String path) {
    if (absent(value)) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      error(path, "expected an integer, got " + describe(value));
      return null;
    }
    return value.intValue();
  }

  Double number(JsonNode value, String path) {
    if (absent(value)) {
      return null;
    }
    if (!value.isNumber()) {
      error(path, "expected a number, got " + describe(value));
      return null;
    }
    return value.doubleValue();
  }

  /** A list of strings; a single string is accepted as a list of one if {@code singleOk}. */
  List<String> strings(JsonNode value, String path, boolean singleOk) {
    if (absent(value)) {
      return null;
    }
    if (singleOk && value.isTextual()) {
      return List.of(value.textValue());
    }
    if (!value.isArray()) {
      error(path, "expected a list of strings, got " + describe(value));
      return null;
    }
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      String element = string(value.get(i), DocumentPaths.index(path, i));
      if (element != null) {
        strings.add(element);
      } else if (absent(value.get(i))) {
        error(DocumentPaths.index(path, i), "expected a string, got null");
      }
    }
    return strings;
  }

  static String describe(JsonNode value) {
    if (value.isTextual()) {
      return "string \"" + value.textValue() + "\"";
    }
    if (value.isNumber() || value.isBoolean()) {
      return (value.isNumber() ? "number " : "boolean ") + value.asText();
    }
    if (value.isArray()) {
      return "a list";
    }
    if (value.isObject()) {
      return "an object";
    }
    return "null";
  }
}
