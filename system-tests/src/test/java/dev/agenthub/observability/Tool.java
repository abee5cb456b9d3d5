package dev.agenthub.observability;

import static org.assertj.core.api.Assertions.fail;

import dev.agenthub.system.TestTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** An external tool the observability tests run ({@code promtool}, {@code prometheus}). */
final class Tool {

  /** What a finished run of a tool printed, and how it exited. */
  record Result(int exitCode, String output) {}

  private final Path binary;

  private Tool(Path binary) {
    this.binary = binary;
  }

  /**
   * The tool called {@code name} at the deployed Prometheus release; skips loudly, or fails under
   * CI, when it is missing.
   */
  static Tool require(String name) {
    return new Tool(TestTools.requireDeployed(name, "prom/prometheus"));
  }

  Path binary() {
    return binary;
  }

  /** Runs the tool with {@code args} in {@code dir} and waits (at most 5 minutes). */
  Result run(Path dir, String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(List.of(args));
    try {
      Process process =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        fail(String.join(" ", command) + " did not finish in 5 minutes");
      }
      return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
