package dev.agenthub.devkit;

import static java.util.Objects.requireNonNull;

import dev.agenthub.api.auth.ApiKeyConfiguration;
import dev.agenthub.api.auth.Role;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The operator key of the {@code dev} command: {@code $AGENTHUB_DEV_API_KEY} when set, else a fresh
 * random {@code ahk_...} key (32 random bytes, URL-safe base64) to print once at startup.
 *
 * @param key the plain key, to show the developer once; never log it elsewhere
 * @param entry the configuration entry for it (hashed), to add with {@link
 *     AuthConfiguration#addKey}
 * @param generated whether the key was generated rather than read from the environment
 */
public record DevApiKey(String key, ApiKeyConfiguration entry, boolean generated) {

  /** The environment variable that fixes the dev key across restarts. */
  public static final String ENV = "AGENTHUB_DEV_API_KEY";

  /** The name of the dev key's principal. */
  public static final String NAME = "dev";

  public static final String PREFIX = "ahk_";

  public DevApiKey {
    requireNonNull(key, "key");
    requireNonNull(entry, "entry");
  }

  /** The key from {@code System.getenv()}, or a new one. */
  public static DevApiKey create() {
    return create(System.getenv(), new SecureRandom());
  }

  /** The key from {@code env}, or a new one drawn from {@code random}. */
  public static DevApiKey create(Map<String, String> env, SecureRandom random) {
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new DevApiKey(fromEnv, ApiKeyConfiguration.ofKey(NAME, Role.OPERATOR, fromEnv), false);
    }
    String key = generate(random);
    return new DevApiKey(key, ApiKeyConfiguration.ofKey(NAME, Role.OPERATOR, key), true);
  }

  /** A new random key: {@code ahk_} and 32 random bytes in URL-safe base64 without padding. */
  public static String generate(SecureRandom random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Leaves the key out. */
  @Override
  public String toString() {
    return "DevApiKey{entry=" + entry + ", generated=" + generated + "}";
  }
}
