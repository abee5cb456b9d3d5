package dev.agenthub.deploy;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Real validators (promtool, amtool, kubectl) run as processes. A missing tool makes the test say
 * so loudly and skip, except under {@code CI=true}, where it is a failure: CI installs them ({@code
 * scripts/install-test-tools.sh}).
 */
final class Tools {

  record Result(int exitCode, String output) {}

  private Tools() {}

  /** The executable {@code name} on the PATH or in the project's {@code .tools/bin}, if any. */
  static Optional<Path> find(String name) {
    String pathVariable = System.getenv().getOrDefault("PATH", "");
    for (String dir : pathVariable.split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate) && Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    Path local = RepoFiles.path(".tools/bin/" + name);
    return Files.isExecutable(local) ? Optional.of(local) : Optional.empty();
  }

  /** The tool, or a loud skip (a failure under CI=true) naming how to get it. */
  static Path require(String name, String howToGetIt) {
    return find(name)
        .orElseGet(
            () -> {
              missing(name + " not found on the PATH (" + howToGetIt + ")");
              return null;
            });
  }

  /** Fails under CI=true; otherwise prints {@code SKIPPED (missing tool): ...} and aborts. */
  static void missing(String message) {
    if ("true".equals(System.getenv("CI"))) {
      fail(message);
    }
    System.err.println("SKIPPED (missing tool): " + message);
    Assumptions.abort(message);
  }

  static Result run(List<String> command) {
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(RepoFiles.root().toFile())
              .redirectErrorStream(true)
              .start();
      process.getOutputStream().close();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("timed out: " + command);
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
