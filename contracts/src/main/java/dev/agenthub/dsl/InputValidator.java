package dev.agenthub.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks a run's input against its pipeline's {@code input} JSON Schema. Schemas without {@code
 * $schema} are read as draft 2020-12. Instances are immutable and thread-safe: compile one per
 * pipeline and reuse it.
 *
 * <p>Error paths are RFC 6901 JSON Pointers to the offending value, so the input object itself is
 * the empty string {@code ""} (a missing required property is reported at its parent object) and
 * {@code /items/0/name} is a nested value.
 */
public final class InputValidator {

  private static final String DEFAULT_DIALECT = "https://json-schema.org/draft/2020-12/schema";

  /** Dialects with bundled meta-schemas; others would need fetching, which we never do. */
  private static final Map<String, String> DIALECTS =
      Map.of(
          "https://json-schema.org/draft/2020-12/schema", DEFAULT_DIALECT,
          "https://json-schema.org/draft/2019-09/schema",
              "https://json-schema.org/draft/2019-09/schema",
          "http://json-schema.org/draft-07/schema#", "http://json-schema.org/draft-07/schema",
          "http://json-schema.org/draft-07/schema", "http://json-schema.org/draft-07/schema",
          "http://json-schema.org/draft-06/schema#", "http://json-schema.org/draft-06/schema",
          "http://json-schema.org/draft-04/schema#", "http://json-schema.org/draft-04/schema");

  // Remote fetching stays off: a definition submitted through the API must not make us call URLs.
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder ->
              builder
                  .schemaRegistryConfig(
                      SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build())
                  .schemaLoader(loader -> loader.fetchRemoteResources(false)));

  private final JsonNode source;
  private final Schema schema;

  private InputValidator(JsonNode source, Schema schema) {
    this.source = source;
    this.schema = schema;
  }

  /**
   * A validator for {@code schema}; {@code null} accepts any JSON object.
   *
   * @throws IllegalArgumentException if {@code schema} is not a valid JSON Schema
   */
  public static InputValidator forSchema(JsonNode schema) {
    if (schema == null || schema.isNull()) {
      return new InputValidator(null, null);
    }
    List<ValidationError> problems = schemaErrors(schema);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid input schema: "
              + problems.stream().map(ValidationError::toString).collect(Collectors.joining("; ")));
    }
    try {
      Schema compiled = REGISTRY.getSchema(schema.toString(), InputFormat.JSON);
      // Resolve every keyword now so that concurrent validations share a finished schema.
      compiled.initializeValidators();
      return new InputValidator(schema.deepCopy(), compiled);
    } catch (SchemaException e) {
      throw new IllegalArgumentException("invalid input schema: " + e.getMessage(), e);
    }
  }

  /**
   * {@code input} with the schema's {@code default}s filled in where properties are missing, nested
   * objects included (see {@link SchemaDefaults}); apply before {@link #validate} and store the
   * result, so that runs and their expressions see the defaults. Non-object input is returned as
   * is.
   */
  public JsonNode withDefaults(JsonNode input) {
    return SchemaDefaults.apply(source, input);
  }

  /**
   * The ways {@code input} breaks the schema, empty if it conforms. A {@code null} input is checked
   * as an empty object.
   */
  public List<ValidationError> validate(JsonNode input) {
    String json = input == null || input.isMissingNode() ? "{}" : input.toString();
    if (schema == null) {
      return input == null || input.isMissingNode() || input.isObject()
          ? List.of()
          : List.of(new ValidationError("", "input must be a JSON object"));
    }
    return schema.validate(json, InputFormat.JSON).stream().map(InputValidator::toError).toList();
  }

  /**
   * Problems with {@code schema} itself, checked against its dialect's meta-schema; paths are JSON
   * Pointers into the schema.
   */
  static List<ValidationError> schemaErrors(JsonNode schema) {
    if (!schema.isObject()) {
      return List.of(new ValidationError("", "a JSON Schema must be an object"));
    }
    JsonNode declared = schema.get("$schema");
    String dialect = DEFAULT_DIALECT;
    if (declared != null) {
      dialect = declared.isTextual() ? DIALECTS.get(declared.textValue()) : null;
      if (dialect == null) {
        return List.of(
            new ValidationError(
                "/$schema",
                "unsupported dialect "
                    + declared
                    + " (supported: "
                    + String.join(", ", DIALECTS.keySet().stream().sorted().toList())
                    + ")"));
      }
    }
    try {
      Schema meta = REGISTRY.getSchema(SchemaLocation.of(dialect));
      return meta.validate(schema.toString(), InputFormat.JSON).stream()
          .map(InputValidator::toError)
          .toList();
    } catch (SchemaException e) {
      return List.of(new ValidationError("", "cannot check schema: " + e.getMessage()));
    }
  }

  private static ValidationError toError(Error error) {
    return new ValidationError(error.getInstanceLocation().toString(), error.getMessage());
  }
}
