package dev.agenthub.api.events;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>} against the secrets of
 * the configured sources, as GitHub signs webhooks. Every source that may post the type is tried,
 * in constant time and without early exit, so timing reveals neither how much of a signature
 * matched nor which source did.
 */
final class EventSignatures {

  /** The signature header. */
  static final String HEADER = "X-Hub-Signature-256";

  private static final Logger log = LoggerFactory.getLogger(EventSignatures.class);
  private static final String PREFIX = "sha256=";
  private static final String ALGORITHM = "HmacSHA256";

  private final List<EventSourceConfiguration> sources;

  EventSignatures(EventsConfiguration config) {
    this.sources =
        config.getSources().stream()
            .filter(
                source -> {
                  if (source.secret().isEmpty()) {
                    log.warn(
                        "event source \"{}\" has no secret (unset environment variable?);"
                            + " disabled",
                        source.getName());
                    return false;
                  }
                  return true;
                })
            .toList();
  }

  /** The name of the source whose secret signed {@code body} as {@code header} says, if any. */
  Optional<String> source(String type, byte[] body, String header) {
    if (header == null || !header.startsWith(PREFIX)) {
      return Optional.empty();
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    String matched = null;
    for (EventSourceConfiguration source : sources) {
      boolean equal = MessageDigest.isEqual(hmac(source.secret().orElseThrow(), body), given);
      if (equal && source.allows(type) && matched == null) {
        matched = source.getName();
      }
    }
    return Optional.ofNullable(matched);
  }

  /** The HMAC-SHA256 of {@code body} under {@code secret}. */
  static byte[] hmac(byte[] secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret, ALGORITHM));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
