package dev.agenthub.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.observability.PrometheusRules.Alert;
import dev.agenthub.system.TestTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus rules: valid for promtool, their unit tests pass, and every alert is tested both
 * firing and silent, labelled for routing and linked to a runbook section.
 */
class PrometheusRulesTest {

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  @Test
  void ruleFiles_passPromtoolCheck() {
    Tool promtool = Tool.require("promtool");
    List<Path> files = PrometheusRules.ruleFiles();
    assertThat(files).isNotEmpty();

    List<String> args = new ArrayList<>(List.of("check", "rules"));
    files.forEach(f -> args.add(f.toString()));
    Tool.Result result = promtool.run(PrometheusRules.dir(), args.toArray(String[]::new));

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void ruleUnitTests_pass() {
    Tool promtool = Tool.require("promtool");
    List<Path> files = PrometheusRules.testFiles();
    assertThat(files).isNotEmpty();

    List<String> args = new ArrayList<>(List.of("test", "rules"));
    files.forEach(f -> args.add(f.getFileName().toString()));
    Tool.Result result =
        promtool.run(PrometheusRules.dir().resolve("tests"), args.toArray(String[]::new));

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void everyAlert_hasAFiringCaseAndASilentCase() {
    Set<String> firing = new HashSet<>();
    Set<String> silent = new HashSet<>();
    for (JsonNode test : PrometheusRules.alertRuleTests()) {
      String name = test.path("alertname").asText();
      if (test.path("exp_alerts").isEmpty()) {
        silent.add(name);
      } else {
        firing.add(name);
      }
    }

    SoftAssertions softly = new SoftAssertions();
    for (Alert alert : PrometheusRules.alerts()) {
      softly.assertThat(firing).as("a test where %s fires", alert.name()).contains(alert.name());
      softly
          .assertThat(silent)
          .as("a test where %s stays silent (exp_alerts: [])", alert.name())
          .contains(alert.name());
    }
    softly.assertAll();
  }

  @Test
  void fastAlerts_areTestedFiringWithinAMinuteOfOnset() {
    // Onset is at 5m in fast-alerts-test.yml; every firing case must be at most a minute later.
    JsonNode tests =
        PrometheusRules.read(PrometheusRules.dir().resolve("tests/fast-alerts-test.yml"));
    Set<String> fast = new HashSet<>();
    for (JsonNode group :
        PrometheusRules.read(PrometheusRules.dir().resolve("rules/fast-alerts.yml"))
            .path("groups")) {
      group.path("rules").forEach(rule -> fast.add(rule.path("alert").asText()));
    }
    Set<String> tested = new HashSet<>();
    for (JsonNode test : tests.path("tests")) {
      for (JsonNode rule : test.path("alert_rule_test")) {
        if (!rule.path("exp_alerts").isEmpty()) {
          assertThat(seconds(rule.path("eval_time").asText()))
              .as(
                  "%s in %s fires within 60 s of onset (5m)",
                  rule.path("alertname").asText(), test.path("name").asText())
              .isBetween(300L, 360L);
          tested.add(rule.path("alertname").asText());
        }
      }
    }
    assertThat(tested).containsExactlyInAnyOrderElementsOf(fast);
  }

  @Test
  void everyAlert_hasRoutingLabelsSummaryDescriptionAndARunbookSection() throws IOException {
    Path runbooks = TestTools.repoRoot().resolve("docs/runbooks.md");
    Set<String> anchors = new HashSet<>();
    for (String line : Files.readAllLines(runbooks)) {
      if (line.startsWith("#")) {
        anchors.add(slug(line.replaceFirst("^#+\\s*", "")));
      }
    }

    SoftAssertions softly = new SoftAssertions();
    List<Alert> alerts = PrometheusRules.alerts();
    softly.assertThat(alerts).isNotEmpty();
    for (Alert alert : alerts) {
      JsonNode labels = alert.rule().path("labels");
      JsonNode annotations = alert.rule().path("annotations");
      softly.assertThat(labels.path("severity").asText()).as(alert.name()).isIn("page", "ticket");
      softly.assertThat(labels.path("team").asText()).as(alert.name()).isEqualTo("agenthub");
      softly.assertThat(annotations.path("summary").asText()).as(alert.name()).isNotBlank();
      softly.assertThat(annotations.path("description").asText()).as(alert.name()).isNotBlank();
      String runbook = annotations.path("runbook_url").asText();
      softly.assertThat(runbook).as(alert.name()).startsWith("docs/runbooks.md#");
      softly
          .assertThat(anchors)
          .as("a section of docs/runbooks.md for %s (%s)", alert.name(), runbook)
          .contains(runbook.substring(runbook.indexOf('#') + 1));
    }
    softly.assertAll();
  }

  /** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
  private static String slug(String heading) {
    return heading.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
  }

  private static long seconds(String duration) {
    long total = 0;
    Matcher m = DURATION.matcher(duration);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      total +=
          switch (m.group(2)) {
            case "d" -> n * 86400;
            case "h" -> n * 3600;
            case "m" -> n * 60;
            case "s" -> n;
            default -> 0;
          };
    }
    return total;
  }
}
