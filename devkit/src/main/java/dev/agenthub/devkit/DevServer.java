package dev.agenthub.devkit;

import dev.agenthub.temporal.TemporalSettings;
import io.dropwizard.lifecycle.Managed;
import java.nio.file.Path;
import java.util.Locale;

/** Which Temporal server {@code dev} runs beside the API and worker. */
public enum DevServer {
  /** None: the worker and the API connect to the server at {@code temporal.target}. */
  NONE,
  /** The SDK's test server in this JVM: nothing to install, state in memory. */
  EMBEDDED,
  /** The Temporal CLI's dev server as a child process: SQLite persistence and the Temporal UI. */
  TEMPORAL_CLI;

  /**
   * The server to start for {@code temporal} (its port from {@code temporal.target}, the CLI's UI
   * port from {@code temporal.uiBaseUrl}); {@code home} holds the CLI's {@code .state/} and {@code
   * .tools/}. Not for {@link #NONE}.
   */
  public Managed create(TemporalSettings temporal, Path home) {
    int port = portOf(temporal.target());
    return switch (this) {
      case NONE -> throw new IllegalStateException("no Temporal server to create");
      case EMBEDDED -> new EmbeddedTemporalServer(port);
      case TEMPORAL_CLI ->
          new TemporalCliServer(
              TemporalCliServer.locateBinary(home),
              home.resolve(".state/temporal-dev.db"),
              port,
              TemporalCliServer.uiPortOf(temporal.uiBaseUrl()));
    };
  }

  /** The port of a {@code host:port} target. */
  public static int portOf(String target) {
    int colon = target.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("Temporal target must be host:port, got " + target);
    }
    return Integer.parseInt(target.substring(colon + 1));
  }

  /** The command-line spelling: {@code embedded}, {@code temporal-cli}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
