package dev.agenthub.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiKeyAuthenticatorTest {

  private final ApiKeyAuthenticator authenticator =
      new ApiKeyAuthenticator(
          new AuthConfiguration()
              .withKey(
                  ApiKeyConfiguration.hashed(
                      "hashed",
                      Role.VIEWER,
                      // SHA-256 of "test", upper case to show case does not matter.
                      "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08"))
              .withKey(ApiKeyConfiguration.ofKey("plain", Role.ADMIN, "s3cret"))
              .withKey(ApiKeyConfiguration.ofKey("unset", Role.ADMIN, "")));

  @Test
  void authenticate_matchesAHashedKey() {
    assertThat(authenticator.authenticate("test"))
        .contains(new ApiPrincipal("hashed", Role.VIEWER));
  }

  @Test
  void authenticate_matchesAPlainValueKey() {
    assertThat(authenticator.authenticate("s3cret"))
        .contains(new ApiPrincipal("plain", Role.ADMIN));
  }

  @Test
  void authenticate_returnsEmpty_forUnknownKeys() {
    assertThat(authenticator.authenticate("s3cre")).isEmpty();
    assertThat(authenticator.authenticate("s3cret ")).isEmpty();
    assertThat(authenticator.authenticate("TEST")).isEmpty();
    assertThat(
            authenticator.authenticate(
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"))
        .as("the hash itself is not a key")
        .isEmpty();
  }

  @Test
  void authenticate_neverMatchesEmptyTokens_orDisabledKeys() {
    assertThat(authenticator.authenticate("")).isEmpty();
    assertThat(authenticator.authenticate(null)).isEmpty();
    assertThat(authenticator.keyCount()).isEqualTo(2);
  }

  @Test
  void authenticate_withNoKeys_refusesEverything() {
    assertThat(new ApiKeyAuthenticator(new AuthConfiguration()).authenticate("test"))
        .isEqualTo(Optional.empty());
  }

  @Test
  void roleAuthorizer_readsRolesAsAtLeast() {
    RoleAuthorizer authorizer = new RoleAuthorizer();
    ApiPrincipal operator = new ApiPrincipal("ci", Role.OPERATOR);

    assertThat(authorizer.authorize(operator, "viewer", null)).isTrue();
    assertThat(authorizer.authorize(operator, "operator", null)).isTrue();
    assertThat(authorizer.authorize(operator, "admin", null)).isFalse();
    assertThat(authorizer.authorize(operator, "superuser", null)).isFalse();
  }

  @Test
  void role_includesItselfAndLowerRoles() {
    assertThat(Role.ADMIN.includes(Role.VIEWER)).isTrue();
    assertThat(Role.VIEWER.includes(Role.VIEWER)).isTrue();
    assertThat(Role.VIEWER.includes(Role.OPERATOR)).isFalse();
  }
}
