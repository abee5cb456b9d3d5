package dev.agenthub.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of API keys and tokens, the only form in which they are kept. */
public final class KeyHashes {

  private KeyHashes() {}

  /** The SHA-256 of {@code key}'s UTF-8 bytes. */
  public static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256.
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  static String sha256Hex(String key) {
    return HexFormat.of().formatHex(sha256(key));
  }
}
