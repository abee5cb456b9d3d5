package dev.agenthub.api.dev;

import java.util.Locale;

/** Which Temporal server {@code dev} runs beside the API and worker. */
public enum DevServer {
  /** None: the API and worker connect to {@code temporal.target} (production, {@code server}). */
  NONE,
  /** The SDK's test server in this JVM: nothing to install, state in memory. */
  EMBEDDED,
  /** The Temporal CLI's dev server as a child process: SQLite persistence and the Temporal UI. */
  TEMPORAL_CLI;

  /** The command-line spelling: {@code embedded}, {@code temporal-cli}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
