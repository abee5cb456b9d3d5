package dev.agenthub.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.api.auth.ApiKeyAuthenticator;
import dev.agenthub.api.auth.ApiPrincipal;
import dev.agenthub.api.auth.AuthConfiguration;
import dev.agenthub.api.auth.Role;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevApiKeyTest {

  private final SecureRandom random = new SecureRandom();

  @Test
  void create_usesTheEnvironmentKey_whenSet() {
    DevApiKey dev = DevApiKey.create(Map.of(DevApiKey.ENV, "ahk_fixed"), random);

    assertThat(dev.generated()).isFalse();
    assertThat(dev.key()).isEqualTo("ahk_fixed");
    assertThat(
            new ApiKeyAuthenticator(new AuthConfiguration().withKey(dev.entry()))
                .authenticate("ahk_fixed"))
        .contains(new ApiPrincipal("dev", Role.OPERATOR));
  }

  @Test
  void create_generatesARandomOperatorKey_otherwise() {
    DevApiKey dev = DevApiKey.create(Map.of(), random);
    DevApiKey other = DevApiKey.create(Map.of(), random);

    assertThat(dev.generated()).isTrue();
    assertThat(dev.key()).matches("ahk_[A-Za-z0-9_-]{43}").isNotEqualTo(other.key());
    assertThat(dev.toString()).doesNotContain(dev.key());
    assertThat(
            new ApiKeyAuthenticator(new AuthConfiguration().withKey(dev.entry()))
                .authenticate(dev.key()))
        .contains(new ApiPrincipal("dev", Role.OPERATOR));
  }
}
