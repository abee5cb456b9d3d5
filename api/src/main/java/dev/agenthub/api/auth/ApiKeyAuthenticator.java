package dev.agenthub.api.auth;

import static java.util.Objects.requireNonNull;

import io.dropwizard.auth.Authenticator;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Authenticates bearer tokens against the configured key hashes. The presented token is hashed and
 * compared with every enabled key's hash in constant time ({@link MessageDigest#isEqual}), always
 * visiting all keys, so timing reveals neither how much of a key matched nor which key did.
 */
public final class ApiKeyAuthenticator implements Authenticator<String, ApiPrincipal> {

  private final List<Entry> entries;

  public ApiKeyAuthenticator(AuthConfiguration config) {
    requireNonNull(config, "config");
    this.entries =
        config.enabledKeys().stream()
            .map(
                k ->
                    new Entry(
                        HexFormat.of().parseHex(k.getSha256()),
                        new ApiPrincipal(k.getName(), k.getRole())))
            .toList();
  }

  @Override
  public Optional<ApiPrincipal> authenticate(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    byte[] presented = KeyHashes.sha256(token);
    ApiPrincipal matched = null;
    for (Entry entry : entries) {
      // No early exit: every key is compared whatever the outcome.
      if (MessageDigest.isEqual(presented, entry.sha256()) && matched == null) {
        matched = entry.principal();
      }
    }
    return Optional.ofNullable(matched);
  }

  /** How many keys can authenticate. */
  public int keyCount() {
    return entries.size();
  }

  private record Entry(byte[] sha256, ApiPrincipal principal) {}
}
