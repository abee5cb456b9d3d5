package dev.agenthub.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.system.TestTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The provisioned Grafana dashboards in {@code observability/grafana/dashboards}. */
final class Dashboards {

  /** The dashboards that must exist, by uid. */
  static final Set<String> REQUIRED_UIDS =
      Set.of("workflow-overview", "agent-performance", "system-health", "cost-tracking", "slo");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{?[A-Za-z_][A-Za-z0-9_]*\\}?");

  /** One dashboard file, parsed. */
  record Dashboard(Path file, JsonNode json) {
    String uid() {
      return json.path("uid").asText();
    }
  }

  /** One panel (rows left out), with the PromQL of its targets. */
  record Panel(String dashboard, JsonNode json, List<String> exprs) {
    String title() {
      return json.path("title").asText();
    }

    @Override
    public String toString() {
      return dashboard + " / " + title();
    }
  }

  private Dashboards() {}

  static Path dir() {
    return TestTools.repoRoot().resolve("observability/grafana/dashboards");
  }

  static List<Path> files() {
    try (Stream<Path> files = Files.list(dir())) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Dashboard read(Path file) {
    try {
      return new Dashboard(file, JSON.readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + file, e);
    }
  }

  static List<Dashboard> all() {
    return files().stream().map(Dashboards::read).toList();
  }

  static List<Panel> panels() {
    List<Panel> panels = new ArrayList<>();
    for (Dashboard dashboard : all()) {
      collect(dashboard.uid(), dashboard.json().path("panels"), panels);
    }
    return panels;
  }

  private static void collect(String uid, JsonNode nodes, List<Panel> into) {
    for (JsonNode panel : nodes) {
      if ("row".equals(panel.path("type").asText())) {
        collect(uid, panel.path("panels"), into);
        continue;
      }
      List<String> exprs = new ArrayList<>();
      for (JsonNode target : panel.path("targets")) {
        if (target.hasNonNull("expr")) {
          exprs.add(target.path("expr").asText());
        }
      }
      into.add(new Panel(uid, panel, exprs));
    }
  }

  /**
   * Single-choice variables (used with {@code =}) and the value they take on a dev setup; every
   * other variable is multi-choice and takes "All" ({@code .*}, used with {@code =~}).
   */
  private static final Map<String, String> SINGLE_CHOICE = Map.of("namespace", "default");

  /**
   * {@code expr} as Prometheus can run it: Grafana's interval macros replaced, single-choice
   * variables set to their dev value and every other variable matching anything (the "All" choice).
   */
  static String substitute(String expr, String rateInterval, String range) {
    String out =
        expr.replace("$__rate_interval", rateInterval)
            .replace("${__rate_interval}", rateInterval)
            .replace("$__range", range)
            .replace("${__range}", range)
            .replace("$__interval", rateInterval);
    return VARIABLE
        .matcher(out)
        .replaceAll(
            m ->
                Matcher.quoteReplacement(
                    SINGLE_CHOICE.getOrDefault(variableName(m.group()), ".*")));
  }

  private static String variableName(String reference) {
    return reference.replaceAll("[${}]", "").replaceAll(":.*", "");
  }
}
