package dev.agenthub.cluster;

import dev.agenthub.worker.WorkerMain;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A worker in its own JVM ({@link WorkerMain}), so that a test can kill it with SIGKILL. */
final class WorkerProcess implements AutoCloseable {

  private final Path config;
  private final Path log;
  private Process process;
  private long logOffset;

  WorkerProcess(Path dir, int temporalPort) throws IOException {
    Files.createDirectories(dir);
    this.config = dir.resolve("worker.yml");
    this.log = dir.resolve("worker.log");
    Files.writeString(
        config,
        """
        temporal:
          target: 127.0.0.1:%d
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
            .formatted(temporalPort));
  }

  void start() throws IOException {
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
