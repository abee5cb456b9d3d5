package dev.agenthub.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.agenthub.system.TestTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The rule files and their promtool unit tests under {@code observability/prometheus}. */
final class PrometheusRules {

  private static final YAMLMapper YAML = new YAMLMapper();

  /** One alerting rule as written. */
  record Alert(Path file, JsonNode rule) {
    String name() {
      return rule.path("alert").asText();
    }
  }

  private PrometheusRules() {}

  static Path dir() {
    return TestTools.repoRoot().resolve("observability/prometheus");
  }

  static List<Path> ruleFiles() {
    return yamlFiles(dir().resolve("rules"));
  }

  static List<Path> testFiles() {
    return yamlFiles(dir().resolve("tests"));
  }

  static List<Alert> alerts() {
    List<Alert> alerts = new ArrayList<>();
    for (Path file : ruleFiles()) {
      for (JsonNode group : read(file).path("groups")) {
        for (JsonNode rule : group.path("rules")) {
          if (rule.has("alert")) {
            alerts.add(new Alert(file, rule));
          }
        }
      }
    }
    return alerts;
  }

  /** Every {@code alert_rule_test} entry of every test file. */
  static List<JsonNode> alertRuleTests() {
    List<JsonNode> cases = new ArrayList<>();
    for (Path file : testFiles()) {
      for (JsonNode test : read(file).path("tests")) {
        test.path("alert_rule_test").forEach(cases::add);
      }
    }
    return cases;
  }

  static JsonNode read(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + file, e);
    }
  }

  private static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
