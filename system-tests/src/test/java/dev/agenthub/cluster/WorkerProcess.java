package dev.agenthub.cluster;

import dev.agenthub.worker.AdminFactory;
import dev.agenthub.worker.WorkerMain;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A worker in its own JVM ({@link WorkerMain}), as production runs it: so that a test can kill it
 * with SIGKILL, or scrape its own admin port.
 */
public final class WorkerProcess implements AutoCloseable {

  private final Path config;
  private final Path log;
  private Process process;
  private long logOffset;

  WorkerProcess(Path dir, int temporalPort) throws IOException {
    this(dir, "127.0.0.1:" + temporalPort, AdminFactory.DEFAULT_PORT);
  }

  /**
   * A worker of the Temporal frontend at {@code temporalTarget}, serving {@code /metrics} and
   * {@code /healthcheck} on {@code adminPort}; its output goes to {@code dir/worker.log}.
   */
  public WorkerProcess(Path dir, String temporalTarget, int adminPort) throws IOException {
    Files.createDirectories(dir);
    this.config = dir.resolve("worker.yml");
    this.log = dir.resolve("worker.log");
    Files.writeString(
        config,
        """
        temporal:
          target: %s
        admin:
          port: %d
        worker:
          virtualThreads: false
        agents:
          llm:
            simulated:
              latency: 10ms
          http:
            egress:
              allowLoopback: true   # the test's remote is a mock server on 127.0.0.1
        """
            .formatted(temporalTarget, adminPort));
  }

  /** Starts the JVM (again, after {@link #kill}); it connects and polls shortly after. */
  public void start() throws IOException {
    logOffset = Files.exists(log) ? Files.size(log) : 0;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    process =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                WorkerMain.class.getName(),
                config.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
  }

  /** Whether the process started last has begun polling its task queue (it says so in its log). */
  boolean isPolling() throws IOException {
    if (!Files.exists(log)) {
      return false;
    }
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      file.seek(logOffset);
      byte[] tail = new byte[(int) (file.length() - logOffset)];
      file.readFully(tail);
      return new String(tail, StandardCharsets.UTF_8).contains("worker polling task queue");
    }
  }

  /** SIGKILL: no shutdown hook runs, in-flight activities are abandoned mid-call. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  /** Whether the JVM is running. */
  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** What the worker printed so far. */
  public String log() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }
}
