package dev.agenthub.devkit;

import static java.util.Objects.requireNonNull;

import dev.agenthub.api.auth.ApiKeyConfiguration;
import dev.agenthub.api.auth.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operator key of the {@code dev} command: {@code $AGENTHUB_DEV_API_KEY} when set; else, when
 * given a key file (durable mode keeps one in {@code .state/dev-api-key}), the key stored there,
 * generated and stored (mode 0600) on first use; else a fresh random {@code ahk_...} key (32 random
 * bytes, URL-safe base64) to print once at startup.
 *
 * @param key the plain key, to show the developer once; never log it elsewhere
 * @param entry the configuration entry for it (hashed), to add with {@link
 *     AuthConfiguration#addKey}
 * @param origin where the key came from
 */
public record DevApiKey(String key, ApiKeyConfiguration entry, Origin origin) {

  /** The environment variable that fixes the dev key across restarts. */
  public static final String ENV = "AGENTHUB_DEV_API_KEY";

  /** The name of the dev key's principal. */
  public static final String NAME = "dev";

  public static final String PREFIX = "ahk_";

  /** Where durable mode keeps its key, relative to the checkout. */
  public static final String STATE_FILE = ".state/dev-api-key";

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  /** Where a dev key came from. */
  public enum Origin {
    /** {@code $AGENTHUB_DEV_API_KEY}. */
    ENVIRONMENT,
    /** A key file: read from it, or generated and stored in it, so a restart keeps it. */
    FILE,
    /** Generated for this process only. */
    GENERATED
  }

  public DevApiKey {
    requireNonNull(key, "key");
    requireNonNull(entry, "entry");
    requireNonNull(origin, "origin");
  }

  /** Whether the key is new with this process (and goes away with it). */
  public boolean generated() {
    return origin == Origin.GENERATED;
  }

  /** The key from {@code System.getenv()}, or from {@code keyFile} if given, or a new one. */
  public static DevApiKey create(Optional<Path> keyFile) {
    return create(System.getenv(), new SecureRandom(), keyFile);
  }

  /** The key from {@code env}, or a new one drawn from {@code random}. */
  public static DevApiKey create(Map<String, String> env, SecureRandom random) {
    return create(env, random, Optional.empty());
  }

  /**
   * The key from {@code env}; else the one in {@code keyFile} if given (a new one drawn from {@code
   * random} and written there when the file is missing or empty); else a new one.
   *
   * @throws UncheckedIOException if the key file cannot be read or written
   */
  public static DevApiKey create(
      Map<String, String> env, SecureRandom random, Optional<Path> keyFile) {
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return of(fromEnv, Origin.ENVIRONMENT);
    }
    if (keyFile.isPresent()) {
      return of(stored(keyFile.get(), random), Origin.FILE);
    }
    return of(generate(random), Origin.GENERATED);
  }

  private static DevApiKey of(String key, Origin origin) {
    return new DevApiKey(key, ApiKeyConfiguration.ofKey(NAME, Role.OPERATOR, key), origin);
  }

  private static String stored(Path file, SecureRandom random) {
    try {
      if (Files.isRegularFile(file)) {
        String key = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!key.isEmpty()) {
          restrict(file);
          return key;
        }
      }
      String key = generate(random);
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      // Written to a private temporary file and moved into place, so the key is never readable by
      // others, not even for a moment.
      Path temporary = Files.createTempFile(parent, ".dev-api-key", ".tmp");
      try {
        restrict(temporary);
        Files.writeString(temporary, key + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temporary);
      }
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the dev API key in " + file, e);
    }
  }

  private static void restrict(Path file) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
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
    return "DevApiKey{entry=" + entry + ", origin=" + origin + "}";
  }
}
