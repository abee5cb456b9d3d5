package dev.agenthub.dsl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The definition files of a directory: its {@code .yml} and {@code .yaml} files, by name. */
public final class YamlFiles {

  private YamlFiles() {}

  /** The regular {@code .yml}/{@code .yaml} files directly in {@code dir}, sorted by path. */
  public static List<Path> in(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(Files::isRegularFile).filter(YamlFiles::isYaml).sorted().toList();
    }
  }

  private static boolean isYaml(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".yml") || name.endsWith(".yaml");
  }
}
