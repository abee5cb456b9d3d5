package dev.agenthub.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.agenthub.system.TestTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The repository's deployment files, found from the module directory the tests run in. */
final class RepoFiles {

  static final ObjectMapper YAML = new YAMLMapper();
  static final ObjectMapper JSON = new JsonMapper();

  private RepoFiles() {}

  /** The repository root. */
  static Path root() {
    return TestTools.repoRoot();
  }

  static Path path(String relative) {
    return root().resolve(relative);
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode yaml(String relative) {
    return yaml(path(relative));
  }

  static JsonNode yaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static JsonNode json(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Every document of a multi-document YAML text (kubectl kustomize output). */
  static List<JsonNode> yamlDocuments(String text) {
    List<JsonNode> documents = new ArrayList<>();
    try (var parser = new YAMLFactory().createParser(text)) {
      var iterator = YAML.readValues(parser, JsonNode.class);
      while (iterator.hasNext()) {
        JsonNode node = iterator.next();
        if (node != null && !node.isNull() && !node.isMissingNode()) {
          documents.add(node);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return documents;
  }

  /** docker-compose*.yml at the repository root. */
  static List<Path> composeFiles() {
    try (Stream<Path> files = Files.list(root())) {
      return files
          .filter(p -> p.getFileName().toString().matches("docker-compose.*\\.ya?ml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Files under {@code relativeDir} whose names end with one of {@code suffixes}; none if absent.
   */
  static List<Path> filesUnder(String relativeDir, String... suffixes) {
    Path dir = path(relativeDir);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              p -> {
                String name = p.getFileName().toString();
                for (String suffix : suffixes) {
                  if (name.endsWith(suffix)) {
                    return true;
                  }
                }
                return false;
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
