package dev.agenthub.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.observability.Dashboards.Dashboard;
import dev.agenthub.observability.Dashboards.Panel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Static checks of the provisioned Grafana dashboards; no Grafana or Prometheus needed. */
class DashboardsTest {

  private static final Set<String> COUNTER_FUNCTIONS = Set.of("rate", "increase", "irate");
  private static final Pattern RANGE = Pattern.compile("\\[([^\\]]*)\\]");

  @Test
  void dashboards_haveTheRequiredUniqueUids() {
    List<String> uids = Dashboards.all().stream().map(Dashboard::uid).toList();

    assertThat(uids)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(Dashboards.REQUIRED_UIDS);
    for (Dashboard dashboard : Dashboards.all()) {
      assertThat(dashboard.file().getFileName().toString()).isEqualTo(dashboard.uid() + ".json");
      assertThat(dashboard.json().path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
    }
  }

  @Test
  void everyPanel_hasUnitDescriptionAndThePrometheusDatasource() {
    SoftAssertions softly = new SoftAssertions();
    List<Panel> panels = Dashboards.panels();
    softly.assertThat(panels).hasSizeGreaterThan(20);
    for (Panel panel : panels) {
      JsonNode json = panel.json();
      softly
          .assertThat(json.at("/fieldConfig/defaults/unit").asText())
          .as("unit of %s", panel)
          .isNotBlank();
      softly
          .assertThat(json.path("description").asText())
          .as("description of %s", panel)
          .isNotBlank();
      softly
          .assertThat(json.at("/datasource/uid").asText())
          .as("datasource of %s", panel)
          .isEqualTo("prometheus");
      softly.assertThat(panel.exprs()).as("queries of %s", panel).isNotEmpty();
      for (JsonNode target : json.path("targets")) {
        softly
            .assertThat(target.at("/datasource/uid").asText())
            .as("datasource of a query in %s", panel)
            .isEqualTo("prometheus");
      }
    }
    softly.assertAll();
  }

  @Test
  void everyCounter_isReadThroughRateOrIncrease() {
    SoftAssertions softly = new SoftAssertions();
    for (Panel panel : Dashboards.panels()) {
      for (String expr : panel.exprs()) {
        softly
            .assertThat(bareCounters(expr))
            .as("counters outside rate/increase in %s: %s", panel, expr)
            .isEmpty();
      }
    }
    softly.assertAll();
  }

  @Test
  void rangesUseRateIntervalOrRange() {
    SoftAssertions softly = new SoftAssertions();
    for (Panel panel : Dashboards.panels()) {
      for (String expr : panel.exprs()) {
        Matcher m = RANGE.matcher(expr);
        while (m.find()) {
          softly
              .assertThat(m.group(1))
              .as("range in %s: %s", panel, expr)
              .isIn("$__rate_interval", "$__range");
        }
      }
    }
    softly.assertAll();
  }

  @Test
  void latencyPanels_showExemplars() {
    SoftAssertions softly = new SoftAssertions();
    for (Panel panel : Dashboards.panels()) {
      for (JsonNode target : panel.json().path("targets")) {
        if (target.path("expr").asText().contains("histogram_quantile")) {
          softly
              .assertThat(target.path("exemplar").asBoolean())
              .as("exemplars on %s", panel)
              .isTrue();
        }
      }
    }
    softly.assertAll();
  }

  @Test
  void templateVariables_comeFromLabelValues_andTheTemporalUiLinkHasADefault() {
    SoftAssertions softly = new SoftAssertions();
    Set<String> seen = new HashSet<>();
    for (Dashboard dashboard : Dashboards.all()) {
      for (JsonNode variable : dashboard.json().at("/templating/list")) {
        String name = variable.path("name").asText();
        seen.add(name);
        if (name.equals("temporal_ui")) {
          softly
              .assertThat(variable.path("query").asText())
              .as(dashboard.uid())
              .isEqualTo("http://localhost:8233");
        } else {
          softly
              .assertThat(variable.path("definition").asText())
              .as("%s in %s", name, dashboard.uid())
              .startsWith("label_values(");
          softly
              .assertThat(variable.at("/datasource/uid").asText())
              .as("%s in %s", name, dashboard.uid())
              .isEqualTo("prometheus");
        }
      }
      softly
          .assertThat(dashboard.json().at("/templating/list").findValuesAsText("name"))
          .as("variables of %s", dashboard.uid())
          .contains("temporal_ui");
    }
    softly.assertThat(seen).contains("namespace", "pipeline", "task_queue", "temporal_ui");
    softly.assertAll();
  }

  @Test
  void runPanels_linkToTheTemporalUi() {
    List<Panel> linked =
        Dashboards.panels().stream()
            .filter(
                p ->
                    p.json()
                        .at("/fieldConfig/defaults/links")
                        .toString()
                        .contains("${temporal_ui}/namespaces/"))
            .toList();

    assertThat(linked)
        .extracting(Panel::dashboard)
        .contains("workflow-overview", "cost-tracking", "slo");
  }

  @Test
  void everyPanelQuery_isValidPromql(@TempDir Path tmp) throws IOException {
    Tool promtool = Tool.require("promtool");
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
    List<String> index = new ArrayList<>();
    for (Panel panel : Dashboards.panels()) {
      for (String expr : panel.exprs()) {
        String promql = Dashboards.substitute(expr, "5m", "1h");
        rules.append("      - record: dashboard_query:").append(index.size()).append('\n');
        rules.append("        expr: '").append(promql.replace("'", "''")).append("'\n");
        index.add(panel + ": " + promql);
      }
    }
    Path file = tmp.resolve("dashboard-queries.yml");
    Files.writeString(file, rules);

    Tool.Result result = promtool.run(tmp, "check", "rules", file.toString());

    assertThat(result.exitCode())
        .as(result.output() + "\nqueries:\n" + String.join("\n", index))
        .isZero();
  }

  /**
   * Counter names ({@code *_total}) in {@code expr} whose innermost enclosing call is not rate,
   * increase or irate. Label matchers and strings are skipped.
   */
  static List<String> bareCounters(String expr) {
    List<String> bare = new ArrayList<>();
    Deque<String> calls = new ArrayDeque<>();
    int i = 0;
    String lastWord = "";
    while (i < expr.length()) {
      char c = expr.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        int end = expr.indexOf(c, i + 1);
        while (end > 0 && expr.charAt(end - 1) == '\\') {
          end = expr.indexOf(c, end + 1);
        }
        i = end < 0 ? expr.length() : end + 1;
        lastWord = "";
      } else if (c == '{') {
        int end = expr.indexOf('}', i);
        i = end < 0 ? expr.length() : end + 1;
      } else if (Character.isLetter(c) || c == '_' || c == ':') {
        int start = i;
        while (i < expr.length()
            && (Character.isLetterOrDigit(expr.charAt(i))
                || expr.charAt(i) == '_'
                || expr.charAt(i) == ':')) {
          i++;
        }
        lastWord = expr.substring(start, i);
        int next = i;
        while (next < expr.length() && expr.charAt(next) == ' ') {
          next++;
        }
        boolean call = next < expr.length() && expr.charAt(next) == '(';
        if (!call
            && lastWord.endsWith("_total")
            && !COUNTER_FUNCTIONS.contains(String.valueOf(calls.peek()))) {
          bare.add(lastWord);
        }
      } else if (c == '(') {
        calls.push(lastWord);
        lastWord = "";
        i++;
      } else if (c == ')') {
        if (!calls.isEmpty()) {
          calls.pop();
        }
        lastWord = "";
        i++;
      } else {
        if (c != ' ') {
          lastWord = "";
        }
        i++;
      }
    }
    return bare;
  }

  @Test
  void emptyPanelAllowlist_namesExistingPanels_withReasons() {
    EmptyPanelAllowlist allowed =
        EmptyPanelAllowlist.read(Dashboards.dir().resolve("empty-ok.yml"));

    for (EmptyPanelAllowlist.Entry entry : allowed.entries()) {
      Panel panel =
          Dashboards.panels().stream()
              .filter(p -> p.toString().equals(entry.panel()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no panel " + entry.panel()));
      if (entry.query() != null) {
        assertThat(panel.exprs()).as(entry.panel()).contains(entry.query());
      }
    }
  }

  @Test
  void bareCounters_findsCountersOutsideRate() {
    assertThat(bareCounters("sum(rate(a_total{x=\"y_total\"}[5m]))")).isEmpty();
    assertThat(bareCounters("sum by (p) (increase(a_total[1h])) - sum(b_total)"))
        .containsExactly("b_total");
    assertThat(bareCounters("a_total / rate(b_total[5m])")).containsExactly("a_total");
    assertThat(bareCounters("sum(rate(a_seconds_count[5m]))")).isEmpty();
  }
}
