package dev.agenthub.api.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventSignaturesTest {

  private static final byte[] BODY =
      "{\"zen\": \"Keep it logically awesome.\"}".getBytes(StandardCharsets.UTF_8);

  private static EventSourceConfiguration source(String name, String secret, List<String> types) {
    EventSourceConfiguration source = new EventSourceConfiguration();
    source.setName(name);
    source.setSecret(secret);
    source.setTypes(types);
    return source;
  }

  private static EventSignatures signatures(EventSourceConfiguration... sources) {
    EventsConfiguration config = new EventsConfiguration();
    config.setSources(List.of(sources));
    return new EventSignatures(config);
  }

  private static String header(String secret, byte[] body) {
    return "sha256="
        + HexFormat.of()
            .formatHex(EventSignatures.hmac(secret.getBytes(StandardCharsets.UTF_8), body));
  }

  @Test
  void hmac_matchesGitHubsDocumentedExample() {
    // docs.github.com "Validating webhook deliveries": secret "It's a Secret to Everybody",
    // payload "Hello, World!".
    assertThat(
            header("It's a Secret to Everybody", "Hello, World!".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
  }

  @Test
  void source_signedWithItsSecret_isNamed_anyOtherSignatureIsNot() {
    EventSignatures signatures =
        signatures(source("github", "s3cret", List.of()), source("desk", "other", List.of("a")));

    assertThat(signatures.source("push", BODY, header("s3cret", BODY))).contains("github");
    assertThat(signatures.source("a", BODY, header("other", BODY))).contains("desk");
    assertThat(signatures.source("push", BODY, header("wrong", BODY))).isEmpty();
    assertThat(
            signatures.source(
                "push", "{}".getBytes(StandardCharsets.UTF_8), header("s3cret", BODY)))
        .isEmpty();
    assertThat(signatures.source("push", BODY, null)).isEmpty();
    assertThat(signatures.source("push", BODY, "sha1=abc")).isEmpty();
    assertThat(signatures.source("push", BODY, "sha256=not-hex")).isEmpty();
  }

  @Test
  void source_limitedToTypes_orWithoutSecret_isRefused() {
    EventSignatures signatures =
        signatures(source("desk", "other", List.of("a")), source("unset", "  ", List.of()));

    assertThat(signatures.source("b", BODY, header("other", BODY))).isEmpty();
    assertThat(signatures.source("b", BODY, header("  ", BODY)))
        .as("blank secret disables")
        .isEmpty();
  }
}
