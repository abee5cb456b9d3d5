package dev.agenthub.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/** JSON request bodies and size-capped response bodies for the HTTP-speaking agents. */
public final class HttpBodies {

  public static final ObjectMapper JSON = new ObjectMapper();
  public static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

  /** How much of an error body is quoted in a failure message. */
  static final int SNIPPET_CHARS = 300;

  private HttpBodies() {}

  /** {@code value} as an {@code application/json} request body. */
  public static RequestBody json(JsonNode value) throws IOException {
    return RequestBody.create(JSON.writeValueAsBytes(value), JSON_TYPE);
  }

  /**
   * The body as text, in its declared charset (UTF-8 by default).
   *
   * @throws ResponseTooLargeException when it is longer than {@code limitBytes}
   */
  public static String readText(ResponseBody body, long limitBytes) throws IOException {
    BufferedSource source = body.source();
    if (source.request(limitBytes + 1)) {
      throw new ResponseTooLargeException(limitBytes);
    }
    MediaType type = body.contentType();
    Charset charset = type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8);
    return source.readString(charset);
  }

  /** Whether a response of {@code type} holds JSON. */
  public static boolean isJson(MediaType type) {
    return type != null
        && (type.subtype().equalsIgnoreCase("json") || type.subtype().endsWith("+json"));
  }

  /**
   * A short human description of an error body: {@code error.message} (OpenAI style) or {@code
   * error} / {@code message} when it is JSON, else its first characters.
   */
  public static String errorSnippet(String body) {
    if (body == null || body.isBlank()) {
      return "(empty body)";
    }
    try {
      JsonNode tree = JSON.readTree(body);
      for (JsonNode candidate :
          new JsonNode[] {
            tree.path("error").path("message"), tree.path("error"), tree.path("message")
          }) {
        if (candidate.isTextual() && !candidate.textValue().isBlank()) {
          return truncate(candidate.textValue());
        }
      }
    } catch (IOException notJson) {
      // Quote the text instead.
    }
    return truncate(body.strip());
  }

  private static String truncate(String text) {
    return text.length() <= SNIPPET_CHARS ? text : text.substring(0, SNIPPET_CHARS) + "…";
  }

  /** A response body over the agent's limit. */
  public static final class ResponseTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    ResponseTooLargeException(long limitBytes) {
      super("the response body is larger than " + limitBytes + " bytes");
    }
  }
}
