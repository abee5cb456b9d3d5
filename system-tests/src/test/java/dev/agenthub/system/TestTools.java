package dev.agenthub.system;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * What tests that run real tools (promtool, amtool, kubectl, prometheus, Alertmanager, the Temporal
 * CLI, Chromium) share: finding the repository and the tools, and the one rule for a missing tool:
 * it is a failure under {@code CI=true} (CI installs them with {@code
 * scripts/install-test-tools.sh}), and otherwise a loud skip.
 */
public final class TestTools {

  private static Path repoRoot;

  private TestTools() {}

  /** The repository root: the first directory upwards whose {@code pom.xml} lists {@code api}. */
  public static synchronized Path repoRoot() {
    if (repoRoot == null) {
      for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
        if (listsApiModule(dir.resolve("pom.xml"))) {
          repoRoot = dir;
          return dir;
        }
      }
      throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }
    return repoRoot;
  }

  /** The executable {@code name} on the PATH, in the project's {@code .tools/bin}, or /usr/bin. */
  public static Optional<Path> find(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isBlank() && isExecutableFile(Path.of(dir, name))) {
        return Optional.of(Path.of(dir, name));
      }
    }
    for (Path candidate :
        new Path[] {repoRoot().resolve(".tools/bin/" + name), Path.of("/usr/bin", name)}) {
      if (isExecutableFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The tool {@code name}, or {@link #missing} naming how to get it. */
  public static Path require(String name, String howToGetIt) {
    return find(name).orElseGet(() -> missing(name + " not found (" + howToGetIt + ")"));
  }

  /**
   * Fails under {@code CI=true}; otherwise prints {@code SKIPPED (missing tool): ...} and aborts
   * the test. Never returns normally.
   */
  public static <T> T missing(String message) {
    if ("true".equals(System.getenv("CI"))) {
      fail(message);
    }
    System.err.println("SKIPPED (missing tool): " + message);
    Assumptions.abort(message);
    throw new IllegalStateException("unreachable");
  }

  private static boolean isExecutableFile(Path candidate) {
    return Files.isRegularFile(candidate) && Files.isExecutable(candidate);
  }

  private static boolean listsApiModule(Path pom) {
    try {
      return Files.isRegularFile(pom) && Files.readString(pom).contains("<module>api</module>");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
