package dev.agenthub.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.api.auth.ApiKeyAuthenticator;
import dev.agenthub.api.auth.ApiPrincipal;
import dev.agenthub.api.auth.AuthConfiguration;
import dev.agenthub.api.auth.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void create_keepsTheKeyInTheKeyFile_soARestartPrintsTheSameKey(@TempDir Path home)
      throws Exception {
    Path file = home.resolve(DevApiKey.STATE_FILE);

    DevApiKey first = DevApiKey.create(Map.of(), random, Optional.of(file));
    DevApiKey second = DevApiKey.create(Map.of(), random, Optional.of(file));

    assertThat(first.origin()).isEqualTo(DevApiKey.Origin.FILE);
    assertThat(first.generated()).isFalse();
    assertThat(first.key()).matches("ahk_[A-Za-z0-9_-]{43}");
    assertThat(second.key()).isEqualTo(first.key());
    assertThat(Files.readString(file).strip()).isEqualTo(first.key());
    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    try (var entries = Files.list(file.getParent())) {
      assertThat(entries).containsExactly(file); // no temporary file left behind
    }
  }

  @Test
  void create_prefersTheEnvironment_overTheKeyFile(@TempDir Path home) {
    Path file = home.resolve(DevApiKey.STATE_FILE);
    DevApiKey.create(Map.of(), random, Optional.of(file));

    DevApiKey dev = DevApiKey.create(Map.of(DevApiKey.ENV, "ahk_mine"), random, Optional.of(file));

    assertThat(dev.key()).isEqualTo("ahk_mine");
    assertThat(dev.origin()).isEqualTo(DevApiKey.Origin.ENVIRONMENT);
  }

  @Test
  void create_replacesAnEmptyKeyFile(@TempDir Path home) throws Exception {
    Path file = home.resolve("dev-api-key");
    Files.writeString(file, "\n");

    DevApiKey dev = DevApiKey.create(Map.of(), random, Optional.of(file));

    assertThat(dev.key()).startsWith(DevApiKey.PREFIX);
    assertThat(Files.readString(file).strip()).isEqualTo(dev.key());
  }
}
