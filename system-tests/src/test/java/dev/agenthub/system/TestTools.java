package dev.agenthub.system;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * What tests that run real tools (promtool, amtool, kubectl, prometheus, Alertmanager, the Temporal
 * CLI, Chromium) share: finding the repository and the tools, and the one rule for a missing tool:
 * it is a failure under {@code CI=true} (CI installs them with {@code
 * scripts/install-test-tools.sh}), and otherwise a loud skip.
 */
public final class TestTools {

  private static final Map<String, Path> DEPLOYED = new ConcurrentHashMap<>();
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

  /**
   * The executable {@code name} in the project's {@code .tools/bin} (where the install scripts put
   * the versions the project pins), on the PATH, or in /usr/bin.
   */
  public static Optional<Path> find(String name) {
    Path pinned = repoRoot().resolve(".tools/bin/" + name);
    if (isExecutableFile(pinned)) {
      return Optional.of(pinned);
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isBlank() && isExecutableFile(Path.of(dir, name))) {
        return Optional.of(Path.of(dir, name));
      }
    }
    Path system = Path.of("/usr/bin", name);
    return isExecutableFile(system) ? Optional.of(system) : Optional.empty();
  }

  /** The tool {@code name}, or {@link #missing} naming how to get it. */
  public static Path require(String name, String howToGetIt) {
    return find(name).orElseGet(() -> missing(name + " not found (" + howToGetIt + ")"));
  }

  /**
   * The tool {@code name} of the Prometheus project ({@code promtool} and {@code prometheus} of
   * image {@code prom/prometheus}, {@code amtool} and {@code alertmanager} of {@code
   * prom/alertmanager}) at the release the compose stack deploys, as {@code
   * scripts/install-test-tools.sh} builds it into {@code .tools/bin}; {@link #missing} when there
   * is none, or only another release (say Debian's promtool 2.42 on the PATH).
   */
  public static Path requireDeployed(String name, String image) {
    return DEPLOYED.computeIfAbsent(
        name,
        n -> {
          String deployed = deployedVersion(image);
          String howToGetIt =
              "run scripts/install-test-tools.sh, which builds it from its Go module";
          Path tool = require(n, howToGetIt);
          String version = versionOf(tool);
          if (!deployed.equals(version)) {
            return missing(
                "%s %s (the release of the deployed image %s) not found: %s is %s (%s)"
                    .formatted(n, deployed, image, tool, version, howToGetIt));
          }
          return tool;
        });
  }

  /** The release of {@code image} that the compose files deploy: its tag without the "v". */
  public static String deployedVersion(String image) {
    Pattern tag =
        Pattern.compile(
            "^\\s*image:\\s*[\"']?" + Pattern.quote(image) + ":v?([^\\s\"'@]+)", Pattern.MULTILINE);
    try (Stream<Path> files = Files.list(repoRoot())) {
      for (Path file :
          files
              .filter(f -> f.getFileName().toString().matches("docker-compose.*\\.ya?ml"))
              .toList()) {
        Matcher m = tag.matcher(Files.readString(file));
        if (m.find()) {
          return m.group(1);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("no compose file deploys " + image);
  }

  /** What {@code tool --version} reports ("3.5.0" of "promtool, version 3.5.0 (branch: ...)"). */
  private static String versionOf(Path tool) {
    try {
      Process process =
          new ProcessBuilder(tool.toString(), "--version").redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      Matcher m = Pattern.compile("version (\\S+)").matcher(output);
      return m.find() ? m.group(1) : "of unknown version (" + output.strip() + ")";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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
