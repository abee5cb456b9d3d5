package dev.agenthub.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code scripts/install-temporal-cli.sh} picks the Temporal CLI: the one named by {@code
 * AGENTHUB_TEMPORAL_CLI}, else a recent enough {@code temporal} on the PATH, else its own install,
 * else a Go build; without any, a message that says how to get it without Go. The PATH holds only
 * the tools the script needs and fake {@code temporal} binaries that print a version.
 */
class InstallTemporalCliScriptTest {

  private static final List<String> TOOLS =
      List.of("bash", "cat", "cut", "dirname", "grep", "head", "mkdir", "sort");

  @TempDir Path dir;

  private Path path;
  private Path binDir;

  @BeforeEach
  void emptyPathWithTheBasicTools() throws IOException {
    path = Files.createDirectories(dir.resolve("path"));
    binDir = dir.resolve("tools-bin");
    for (String tool : TOOLS) {
      for (String where : List.of("/usr/bin/", "/bin/")) {
        if (Files.isExecutable(Path.of(where + tool))) {
          Files.createSymbolicLink(path.resolve(tool), Path.of(where + tool));
          break;
        }
      }
    }
  }

  private Path fakeTemporal(Path where, String versionLine) throws IOException {
    Files.createDirectories(where);
    Path binary = where.resolve("temporal");
    Files.writeString(binary, "#!/bin/bash\necho '" + versionLine + "'\n");
    Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
    return binary;
  }

  private record Result(int exitCode, String out, String err) {}

  private Result script(Map<String, String> extraEnv) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                "/bin/bash", RepoFiles.path("scripts/install-temporal-cli.sh").toString())
            .redirectOutput(dir.resolve("out").toFile())
            .redirectError(dir.resolve("err").toFile());
    Map<String, String> env = builder.environment();
    env.clear();
    env.put("PATH", path.toString());
    env.put("TEMPORAL_CLI_BIN_DIR", binDir.toString());
    env.putAll(new HashMap<>(extraEnv));
    Process process = builder.start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Result(
        process.exitValue(),
        Files.readString(dir.resolve("out"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("err"), StandardCharsets.UTF_8));
  }

  @Test
  void script_usesARecentTemporalOnThePath() throws Exception {
    Path binary = fakeTemporal(path, "temporal version 1.5.1 (Server 1.29.1, UI 2.42.1)");

    Result result = script(Map.of());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo(binary + "\n");
  }

  @Test
  void script_prefersTheBinaryNamedByTheEnvironment() throws Exception {
    fakeTemporal(path, "temporal version 1.5.1 (Server 1.29.1, UI 2.42.1)");
    Path named = fakeTemporal(dir.resolve("elsewhere"), "temporal version 1.4.0 (Server 1.28.0)");

    Result result = script(Map.of("AGENTHUB_TEMPORAL_CLI", named.toString()));

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo(named + "\n");
  }

  @Test
  void script_passesOverATooOldTemporal_forItsOwnInstall() throws Exception {
    fakeTemporal(path, "temporal version 0.11.0 (Server 1.22.0, UI 2.21.3)");
    Path installed = fakeTemporal(binDir, "temporal version 0.0.0-DEV (Server 1.29.1)");
    Files.writeString(binDir.resolve(".temporal-version"), "v1.5.1\n");

    Result result = script(Map.of());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo(installed + "\n");
  }

  @Test
  void script_withoutTemporalOrGo_saysHowToGetTheCliWithoutGo() throws Exception {
    fakeTemporal(path, "temporal version 0.11.0 (Server 1.22.0, UI 2.21.3)");

    Result result = script(Map.of());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .contains("Go is not installed")
        .contains("too old: " + path.resolve("temporal") + " (Temporal Server 1.22.0")
        .contains("brew install temporal")
        .contains("https://github.com/temporalio/cli/releases")
        .contains("AGENTHUB_TEMPORAL_CLI");
  }
}
