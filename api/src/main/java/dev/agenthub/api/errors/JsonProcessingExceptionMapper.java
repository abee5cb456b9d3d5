package dev.agenthub.api.errors;

import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request body that is not JSON, or not JSON of the expected shape → 400 {@code malformed_json}
 * with where it went wrong ({@code line}, {@code column}, and {@code field} for shape problems); a
 * field the request type does not have → 400 {@code unknown_field} naming it. Jackson's message is
 * not returned: it can name internal classes. Failures to <em>write</em> JSON are the server's
 * fault and become 500.
 */
final class JsonProcessingExceptionMapper extends ErrorMapper<JsonProcessingException> {

  @Override
  Response map(JsonProcessingException e, FailedRequest request) {
    if (isServerSide(e)) {
      return ErrorResponses.internalError(request, e);
    }
    if (e instanceof UnrecognizedPropertyException unknown) {
      return unknownField(unknown, request);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    JsonLocation location = e.getLocation();
    if (location != null && location.getLineNr() > 0) {
      details.put("line", location.getLineNr());
      details.put("column", location.getColumnNr());
    }
    String message = "request body is not valid JSON";
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      details.put("field", fieldPath(mapping));
      message = "request body does not have the expected shape at " + fieldPath(mapping);
    } else if (e instanceof JsonMappingException) {
      message = "request body does not have the expected shape";
    }
    return ErrorResponses.error(request, 400, "malformed_json", message, details).build();
  }

  /**
   * 400 {@code unknown_field}: a misspelt field would otherwise be dropped without a word ({@code
   * "inputs"} for {@code "input"}), and the request run as if it had not been sent.
   */
  private static Response unknownField(UnrecognizedPropertyException e, FailedRequest request) {
    String field = fieldPath(e);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("field", field);
    if (e.getKnownPropertyIds() != null) {
      details.put("known", e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList());
    }
    return ErrorResponses.error(
            request,
            400,
            "unknown_field",
            "request body has an unknown field \"" + field + "\"",
            details)
        .build();
  }

  private static boolean isServerSide(JsonProcessingException e) {
    return e instanceof InvalidDefinitionException
        || e instanceof JsonGenerationException
        || (e instanceof JsonMappingException mapping
            && mapping.getProcessor() instanceof JsonGenerator);
  }

  /** {@code steps[0].with.url} from Jackson's reference chain. */
  private static String fieldPath(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
