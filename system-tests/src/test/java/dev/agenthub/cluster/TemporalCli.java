package dev.agenthub.cluster;

import dev.agenthub.devkit.TemporalCliServer;
import dev.agenthub.system.TestPorts;
import dev.agenthub.system.TestTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real-server test tier's access to the Temporal CLI dev server. The binary comes from {@code
 * scripts/install-temporal-cli.sh} (which {@code .ci/run} calls). Without it these tests say so
 * loudly and are skipped, except under {@code CI=true}, where a missing CLI is a failure.
 */
final class TemporalCli {

  private TemporalCli() {}

  static Path binary() {
    String fromEnv = System.getenv(TemporalCliServer.BINARY_ENV);
    Path binary =
        fromEnv != null && !fromEnv.isBlank()
            ? Path.of(fromEnv)
            : TestTools.repoRoot().resolve(".tools/bin/temporal");
    if (!Files.isExecutable(binary)) {
      String message =
          "Temporal CLI not found at "
              + binary
              + ": run scripts/install-temporal-cli.sh "
              + "(needs Go) to run the real-Temporal-server tests";
      TestTools.missing(message);
    }
    return binary;
  }

  /** A fresh CLI dev server with its SQLite file under {@code target/temporal-cli/<name>}. */
  static TemporalCliServer server(String name) throws IOException {
    Path dir = Path.of("target", "temporal-cli", name).toAbsolutePath();
    if (Files.exists(dir)) {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return new TemporalCliServer(
        binary(), dir.resolve("temporal.db"), TestPorts.free(), TestPorts.free());
  }
}
