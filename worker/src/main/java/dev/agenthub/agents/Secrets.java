package dev.agenthub.agents;

/** Keeps secrets out of messages that reach workflow history, logs and the UI. */
public final class Secrets {

  static final String MASK = "***";

  private Secrets() {}

  /** {@code text} with every occurrence of each non-blank {@code secret} masked. */
  public static String redact(String text, String... secrets) {
    if (text == null) {
      return null;
    }
    String redacted = text;
    for (String secret : secrets) {
      if (secret != null && !secret.isBlank()) {
        redacted = redacted.replace(secret, MASK);
      }
    }
    return redacted;
  }
}
