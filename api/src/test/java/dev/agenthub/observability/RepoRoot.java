package dev.agenthub.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root, found by walking up from the module's directory. */
final class RepoRoot {

  private RepoRoot() {}

  /** The first ancestor holding {@code pipelines/} and a {@code pom.xml} that lists {@code api}. */
  static Path find() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path pom = dir.resolve("pom.xml");
      if (Files.isDirectory(dir.resolve("pipelines")) && Files.isRegularFile(pom)) {
        try {
          if (Files.readString(pom).contains("<module>api</module>")) {
            return dir;
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    throw new IllegalStateException(
        "no repository root above " + Path.of("").toAbsolutePath() + " (pipelines/ + pom.xml)");
  }
}
