package dev.agenthub.agents;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.MediaType;
import org.junit.jupiter.api.Test;

class HttpBodiesTest {

  @Test
  void isJson_acceptsJsonAndStructuredJsonTypes_only() {
    assertThat(HttpBodies.isJson(MediaType.get("application/json"))).isTrue();
    assertThat(HttpBodies.isJson(MediaType.get("application/JSON; charset=utf-8"))).isTrue();
    assertThat(HttpBodies.isJson(MediaType.get("application/problem+json"))).isTrue();
    assertThat(HttpBodies.isJson(MediaType.get("text/plain"))).isFalse();
    assertThat(HttpBodies.isJson(MediaType.get("application/jsonl"))).isFalse();
    assertThat(HttpBodies.isJson(null)).isFalse();
  }

  @Test
  void errorSnippet_prefersTheNestedMessage_thenErrorText_thenMessage() {
    assertThat(
            HttpBodies.errorSnippet("{\"error\": {\"message\": \"bad key\"}, \"message\": \"x\"}"))
        .isEqualTo("bad key");
    assertThat(HttpBodies.errorSnippet("{\"error\": \"quota\", \"message\": \"x\"}"))
        .isEqualTo("quota");
    assertThat(HttpBodies.errorSnippet("{\"error\": \" \", \"message\": \"slow down\"}"))
        .isEqualTo("slow down");
  }

  @Test
  void errorSnippet_quotesOtherBodies_strippedAndCut() {
    assertThat(HttpBodies.errorSnippet(null)).isEqualTo("(empty body)");
    assertThat(HttpBodies.errorSnippet("  \n")).isEqualTo("(empty body)");
    assertThat(HttpBodies.errorSnippet("  <html>down</html>\n")).isEqualTo("<html>down</html>");
    assertThat(HttpBodies.errorSnippet("{\"status\": 500}")).isEqualTo("{\"status\": 500}");
    String exact = "x".repeat(HttpBodies.SNIPPET_CHARS);
    assertThat(HttpBodies.errorSnippet(exact)).isEqualTo(exact);
    assertThat(HttpBodies.errorSnippet(exact + "y")).isEqualTo(exact + "…");
  }
}
