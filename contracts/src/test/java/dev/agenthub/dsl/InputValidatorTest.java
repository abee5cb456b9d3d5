package dev.agenthub.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InputValidatorTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  private static InputValidator briefValidator() throws Exception {
    return InputValidator.forSchema(
        json(
            """
            {"type": "object",
             "required": ["topic"],
             "additionalProperties": false,
             "properties": {
               "topic": {"type": "string"},
               "sections": {"type": "array", "items": {"type": "integer"}}}}
            """));
  }

  @Test
  void withDefaults_fillsMissingPropertiesAtEveryLevel_andKeepsGivenValues() throws Exception {
    InputValidator validator =
        InputValidator.forSchema(
            json(
                """
                {"type": "object",
                 "required": ["topic"],
                 "properties": {
                   "topic": {"type": "string"},
                   "detailed": {"type": "boolean", "default": false},
                   "tone": {"type": "string", "default": "plain"},
                   "limits": {"type": "object", "default": {"words": 300},
                              "properties": {"words": {"type": "integer"},
                                             "sections": {"type": "integer", "default": 3}}},
                   "extra": {"type": "object",
                             "properties": {"note": {"type": "string", "default": "n"}}}}}
                """));
    JsonNode given = json("{\"topic\": \"t\", \"tone\": \"warm\"}");

    JsonNode input = validator.withDefaults(given);

    assertThat(input)
        .isEqualTo(
            json(
                """
                {"topic": "t", "tone": "warm", "detailed": false,
                 "limits": {"words": 300, "sections": 3}}
                """));
    assertThat(given).isEqualTo(json("{\"topic\": \"t\", \"tone\": \"warm\"}"));
    assertThat(
            validator
                .withDefaults(json("{\"topic\": \"t\", \"extra\": {}}"))
                .at("/extra/note")
                .asText())
        .isEqualTo("n");
    assertThat(validator.validate(input)).isEmpty();
  }

  @Test
  void withDefaults_leavesInputAlone_withoutASchemaOrForNonObjects() throws Exception {
    assertThat(InputValidator.forSchema(null).withDefaults(json("{\"a\": 1}")))
        .isEqualTo(json("{\"a\": 1}"));
    assertThat(briefValidator().withDefaults(json("[1]"))).isEqualTo(json("[1]"));
  }

  @Test
  void validate_acceptsConformingInput() throws Exception {
    assertThat(briefValidator().validate(json("{\"topic\":\"durable\",\"sections\":[1,2]}")))
        .isEmpty();
  }

  @Test
  void validate_reportsMissingRequiredProperty_atTheRoot() throws Exception {
    assertThat(briefValidator().validate(json("{}")))
        .containsExactly(new ValidationError("", "required property 'topic' not found"));
  }

  @Test
  void validate_reportsWrongType_withJsonPointer() throws Exception {
    assertThat(briefValidator().validate(json("{\"topic\":5,\"sections\":[1,\"two\"]}")))
        .extracting(ValidationError::toString)
        .containsExactlyInAnyOrder(
            "/topic: integer found, string expected",
            "/sections/1: string found, integer expected");
  }

  @Test
  void validate_reportsAdditionalProperties() throws Exception {
    assertThat(briefValidator().validate(json("{\"topic\":\"t\",\"extra\":true}")))
        .containsExactly(
            new ValidationError(
                "",
                "property 'extra' is not defined in the schema and the schema does not allow"
                    + " additional properties"));
  }

  @Test
  void validate_treatsNullInputAsEmptyObject() throws Exception {
    assertThat(briefValidator().validate(null))
        .extracting(ValidationError::path)
        .containsExactly("");
  }

  @Test
  void forSchema_withoutSchema_acceptsAnyObjectOnly() throws Exception {
    InputValidator any = InputValidator.forSchema(null);

    assertThat(any.validate(json("{\"anything\":[1]}"))).isEmpty();
    assertThat(any.validate(json("[1]")))
        .containsExactly(new ValidationError("", "input must be a JSON object"));
  }

  @Test
  void forSchema_rejectsInvalidSchema() throws Exception {
    assertThatThrownBy(() -> InputValidator.forSchema(json("{\"type\":\"objekt\"}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid input schema: /type: ");
  }

  @Test
  void forSchema_honoursDeclaredDialect_andRejectsUnknownOnes() throws Exception {
    InputValidator draft7 =
        InputValidator.forSchema(
            json(
                "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\","
                    + "\"required\":[\"a\"]}"));
    assertThat(draft7.validate(json("{}"))).hasSize(1);

    assertThatThrownBy(
            () -> InputValidator.forSchema(json("{\"$schema\":\"https://example.com/mine\"}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unsupported dialect \"https://example.com/mine\"");
  }

  @Test
  void validate_isSafeToShareAcrossThreads() throws Exception {
    InputValidator validator = briefValidator();
    JsonNode bad = json("{\"topic\":1}");

    List<List<ValidationError>> results =
        IntStream.range(0, 32)
            .mapToObj(i -> CompletableFuture.supplyAsync(() -> validator.validate(bad)))
            .toList()
            .stream()
            .map(CompletableFuture::join)
            .toList();

    assertThat(results).allSatisfy(errors -> assertThat(errors).hasSize(1));
  }
}
