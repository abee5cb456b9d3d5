package dev.agenthub.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AuthConfigurationTest {

  private final ObjectMapper yaml = Jackson.newObjectMapper(new YAMLFactory());
  private final Validator validator = Validators.newValidator();

  @Test
  void keys_bindFromHashAndFromPlainValue() throws Exception {
    AuthConfiguration config =
        parse(
            """
            keys:
              - name: grafana
                role: viewer
                sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
              - name: ci
                role: OPERATOR
                value: test
            """);

    assertThat(violations(config)).isEmpty();
    assertThat(config.getKeys())
        .extracting(ApiKeyConfiguration::getRole)
        .containsExactly(Role.VIEWER, Role.OPERATOR);
    assertThat(config.getKeys().get(1).getSha256())
        .isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  }

  @Test
  void plainValue_isNeitherKeptNorSerializedNorPrinted() throws Exception {
    AuthConfiguration config =
        parse(
            """
            keys:
              - {name: ci, role: operator, value: do-not-leak-me}
            """);

    assertThat(new ObjectMapper().writeValueAsString(config)).doesNotContain("do-not-leak-me");
    assertThat(config.getKeys().get(0).toString()).doesNotContain("do-not-leak-me");
  }

  @Test
  void emptyValue_disablesTheKey() throws Exception {
    AuthConfiguration config =
        parse(
            """
            keys:
              - {name: ci, role: operator, value: ""}
            """);

    assertThat(violations(config)).isEmpty();
    assertThat(config.enabledKeys()).isEmpty();
  }

  @Test
  void validation_requiresExactlyOneOfSha256AndValue() throws Exception {
    assertThat(
            violations(
                parse(
                    """
                    keys:
                      - {name: ci, role: operator}
                    """)))
        .containsExactly("give exactly one of sha256 or value");
    assertThat(
            violations(
                parse(
                    """
                    keys:
                      - name: ci
                        role: operator
                        value: x
                        sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
                    """)))
        .containsExactly("give exactly one of sha256 or value");
  }

  @Test
  void validation_rejectsMalformedHashes_andDuplicateNames() throws Exception {
    assertThat(
            violations(
                parse(
                    """
                    keys:
                      - {name: ci, role: operator, sha256: abc123}
                    """)))
        .containsExactly("sha256 must be 64 hex digits (the SHA-256 of the key)");
    assertThat(
            violations(
                parse(
                    """
                    keys:
                      - {name: ci, role: operator, value: a}
                      - {name: ci, role: viewer, value: b}
                    """)))
        .containsExactly("API key names must be unique");
  }

  private AuthConfiguration parse(String text) throws Exception {
    return yaml.readValue(text, AuthConfiguration.class);
  }

  private Set<String> violations(AuthConfiguration config) {
    return validator.validate(config).stream()
        .map(ConstraintViolation::getMessage)
        .collect(Collectors.toSet());
  }
}
