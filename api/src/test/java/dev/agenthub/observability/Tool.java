package dev.agenthub.observability;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * An external tool the observability tests run ({@code promtool}, {@code prometheus}). A missing
 * tool skips loudly, except under {@code CI=true}, where it is a failure ({@code
 * scripts/install-test-tools.sh} installs them).
 */
final class Tool {

  /** What a finished run of a tool printed, and how it exited. */
  record Result(int exitCode, String output) {}

  private final Path binary;

  private Tool(Path binary) {
    this.binary = binary;
  }

  /** The tool called {@code name} on the PATH or in /usr/bin; skips or fails when missing. */
  static Tool require(String name) {
    List<Path> candidates = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (!dir.isBlank()) {
          candidates.add(Path.of(dir, name));
        }
      }
    }
    candidates.add(Path.of("/usr/bin", name));
    for (Path candidate : candidates) {
      if (Files.isExecutable(candidate)) {
        return new Tool(candidate);
      }
    }
    String message =
        name
            + " not found on PATH or in /usr/bin: run scripts/install-test-tools.sh (Debian package prometheus)";
    if ("true".equals(System.getenv("CI"))) {
      fail(message);
    }
    System.err.println("SKIPPED (missing tool): " + message);
    Assumptions.abort(message);
    throw new IllegalStateException("unreachable");
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
