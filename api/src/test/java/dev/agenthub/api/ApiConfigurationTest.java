package dev.agenthub.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiConfigurationTest {

  @Test
  void nonBlankOr_fallsBack_whenTheVariableIsUnsetOrBlank() {
    assertThat(ApiConfiguration.nonBlankOr(null, "pipelines")).isEqualTo("pipelines");
    assertThat(ApiConfiguration.nonBlankOr("", "pipelines")).isEqualTo("pipelines");
    assertThat(ApiConfiguration.nonBlankOr("  ", "pipelines")).isEqualTo("pipelines");
  }

  @Test
  void nonBlankOr_keepsASetValue() {
    assertThat(ApiConfiguration.nonBlankOr("/srv/pipelines", "pipelines"))
        .isEqualTo("/srv/pipelines");
  }
}
