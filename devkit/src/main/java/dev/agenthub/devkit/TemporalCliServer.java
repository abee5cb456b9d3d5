package dev.agenthub.devkit;

import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Temporal CLI's dev server ({@code temporal server start-dev}) as a child process: the real
 * Temporal server with SQLite persistence (runs survive restarts), visibility queries, and the
 * Temporal UI. Registers the search attributes the API needs.
 */
public final class TemporalCliServer implements Managed, AutoCloseable {

  /** Environment variable naming the {@code temporal} binary (set by {@code ./agenthub}). */
  public static final String BINARY_ENV = "AGENTHUB_TEMPORAL_CLI";

  /** Keyword search attribute holding the pipeline name of every run. */
  public static final String PIPELINE_SEARCH_ATTRIBUTE = "AgentHubPipeline";

  private static final Logger log = LoggerFactory.getLogger(TemporalCliServer.class);
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private final Path binary;
  private final Path databaseFile;
  private final int port;
  private final int uiPort;
  private final Path logFile;
  private Process process;

  public TemporalCliServer(Path binary, Path databaseFile, int port, int uiPort) {
    this.binary = binary;
    this.databaseFile = databaseFile;
    this.port = port;
    this.uiPort = uiPort;
    this.logFile = databaseFile.resolveSibling("temporal-server.log");
  }

  /**
   * The binary named by {@value #BINARY_ENV}, or {@code .tools/bin/temporal} under {@code home}.
   */
  public static Path locateBinary(Path home) {
    String fromEnv = System.getenv(BINARY_ENV);
    Path binary =
        fromEnv != null && !fromEnv.isBlank()
            ? Path.of(fromEnv)
            : home.resolve(".tools/bin/temporal");
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(
          "Temporal CLI not found at "
              + binary
              + "; set AGENTHUB_TEMPORAL_CLI to a temporal binary, or run"
              + " scripts/install-temporal-cli.sh (it finds one on the PATH or builds one)");
    }
    return binary;
  }

  /** Starts the server and waits until its frontend accepts connections. */
  @Override
  public synchronized void start() throws IOException {
    if (process != null) {
      return;
    }
    Files.createDirectories(databaseFile.getParent());
    List<String> command =
        new ArrayList<>(
            List.of(
                binary.toString(),
                "server",
                "start-dev",
                "--ip",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--ui-port",
                String.valueOf(uiPort),
                "--db-filename",
                databaseFile.toString(),
                // A write-ahead log, synced at checkpoints: a commit survives the server's crash
                // (SIGKILL), only a power cut may lose the last ones. The default rollback journal
                // syncs every commit, which held the server to ~1.5 runs/s on this project's disks.
                "--sqlite-pragma",
                "journal_mode=wal",
                "--sqlite-pragma",
                "synchronous=normal",
                "--search-attribute",
                PIPELINE_SEARCH_ATTRIBUTE + "=Keyword",
                "--log-level",
                "warn"));
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
            .start();
    awaitFrontend();
    log.info(
        "Temporal CLI dev server on 127.0.0.1:{} (UI http://localhost:{}), data in {}, log in {}",
        port,
        uiPort,
        databaseFile,
        logFile);
  }

  private void awaitFrontend() throws IOException {
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException(
            "temporal server start-dev exited with " + process.exitValue() + "; see " + logFile);
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        try {
          process.waitFor(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for Temporal", e);
        }
      }
    }
    throw new IOException("Temporal did not listen on port " + port + " within " + STARTUP_TIMEOUT);
  }

  /** Kills the server at once (SIGKILL), as a crash would; for durability tests. */
  public synchronized void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      process = null;
    }
  }

  @Override
  public void stop() {
    close();
  }

  /** Stops the server gracefully (SIGTERM, then SIGKILL after 10 s). Idempotent. */
  @Override
  public synchronized void close() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    process = null;
  }

  /**
   * The CPU time the server process has used so far (zero when it is not running or the platform
   * does not tell): the throughput benchmark charges it to the runs it measures.
   */
  public synchronized Duration cpuTime() {
    return process == null
        ? Duration.ZERO
        : process.info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /** The frontend's port. */
  public int port() {
    return port;
  }

  /** The Temporal UI's base URL. */
  public String uiBaseUrl() {
    return "http://localhost:" + uiPort;
  }

  /** The port of a UI base URL such as {@code http://localhost:8233} (default 8233). */
  public static int uiPortOf(String uiBaseUrl) {
    int port = java.net.URI.create(uiBaseUrl).getPort();
    return port > 0 ? port : 8233;
  }
}
