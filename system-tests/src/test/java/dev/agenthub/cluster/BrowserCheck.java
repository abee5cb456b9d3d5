package dev.agenthub.cluster;

import static org.assertj.core.api.Assertions.fail;

import dev.agenthub.system.TestTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code ui-tests/temporal-ui-run.mjs}: headless Debian Chromium driven by playwright-core
 * (installed by {@code .ci/run}: {@code apt-get install chromium}, {@code npm ci --prefix
 * ui-tests}). Missing tools skip loudly, and fail under {@code CI=true}.
 */
final class BrowserCheck {

  private static final Path SCRIPT = TestTools.repoRoot().resolve("ui-tests/temporal-ui-run.mjs");
  private static final Path PLAYWRIGHT =
      TestTools.repoRoot().resolve("ui-tests/node_modules/playwright-core");
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private BrowserCheck() {}

  /** The page's check result line; the screenshot lands at {@code screenshot}. */
  static Result open(String url, String workflowId, Path screenshot, String... expected)
      throws IOException, InterruptedException {
    requireTools();
    Files.createDirectories(screenshot.getParent());
    List<String> command =
        new ArrayList<>(List.of("node", SCRIPT.toString(), url, workflowId, screenshot.toString()));
    command.addAll(List.of(expected));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("the browser check did not finish within 90 s");
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.exitValue(), output.strip());
  }

  record Result(int exitCode, String output) {}

  private static void requireTools() {
    List<String> missing = new ArrayList<>();
    if (!Files.isExecutable(CHROMIUM)) {
      missing.add("Debian chromium (apt-get install chromium)");
    }
    if (!Files.isDirectory(PLAYWRIGHT)) {
      missing.add("playwright-core (npm ci --prefix ui-tests)");
    }
    if (TestTools.find("node").isEmpty()) {
      missing.add("Node.js");
    }
    if (missing.isEmpty()) {
      return;
    }
    String message = "browser test tools missing: " + String.join(", ", missing);
    TestTools.missing(message);
  }
}
