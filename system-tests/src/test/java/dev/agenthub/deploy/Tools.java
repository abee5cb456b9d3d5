package dev.agenthub.deploy;

import static org.assertj.core.api.Assertions.fail;

import dev.agenthub.system.TestTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs real validators (promtool, amtool, kubectl) as processes in the repository root; {@link
 * TestTools} finds them and decides what a missing one means.
 */
final class Tools {

  record Result(int exitCode, String output) {}

  private Tools() {}

  static Result run(List<String> command) {
    return run(command, null);
  }

  /** Runs {@code command} with exactly {@code environment}, or the test's own when it is null. */
  static Result run(List<String> command, Map<String, String> environment) {
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(TestTools.repoRoot().toFile())
              .redirectErrorStream(true);
      if (environment != null) {
        builder.environment().clear();
        builder.environment().putAll(environment);
      }
      Process process = builder.start();
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
