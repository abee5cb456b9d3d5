package dev.agenthub.cluster;

import dev.agenthub.worker.WorkerMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A worker in its own JVM ({@link WorkerMain}), so that a test can kill it with SIGKILL. */
final class WorkerProcess implements AutoCloseable {

  private final Path config;
  private final Path log;
  private Process process;

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
