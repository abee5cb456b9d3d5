package dev.agenthub.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's command line.
 *
 * @param server {@code embedded} (the dev mode's in-JVM test server) or {@code temporal-cli} (a
 *     fresh CLI dev server the benchmark starts); ignored when {@code temporal} is set
 * @param temporal {@code host:port} of a running Temporal server to use, or {@code null}
 * @param scenarios what to run, e.g. {@code closed:5} and {@code open:50}
 * @param runs measured runs per variant per round
 * @param rounds measured rounds; the variants alternate within each (the order flips every round)
 * @param warmup unmeasured runs per variant before the first round of each scenario: by default
 *     1000 on the embedded server (its figures move with the JIT's warm-up, all in this JVM), 200
 *     on another server
 * @param pollRuns runs polled every 50 ms while running to count queries per poll (0: skip)
 * @param variants which variants to run, of {@code hand}, {@code sdk} and {@code api} (all three by
 *     default; fewer to profile one alone); ratios are to the first one listed
 * @param profile whether to sample each variant's CPU with the JDK Flight Recorder while its
 *     measured batches run and print where it goes ({@link CpuProfile})
 */
record BenchmarkOptions(
    String server,
    String temporal,
    List<Scenario> scenarios,
    int runs,
    int rounds,
    int warmup,
    int pollRuns,
    List<String> variants,
    boolean profile) {

  /** The variants' keys, in their default order. */
  static final List<String> ALL_VARIANTS = List.of("hand", "observed", "sdk", "api");

  /** One load shape: open or closed loop at a concurrency. */
  record Scenario(boolean openLoop, int concurrency) {
    static Scenario parse(String text) {
      String[] parts = text.split(":");
      if (parts.length != 2 || !(parts[0].equals("open") || parts[0].equals("closed"))) {
        throw new IllegalArgumentException("scenario must be closed:N or open:N, got " + text);
      }
      return new Scenario(parts[0].equals("open"), Integer.parseInt(parts[1]));
    }

    @Override
    public String toString() {
      return concurrency + ", " + (openLoop ? "open" : "closed") + " loop";
    }
  }

  static BenchmarkOptions parse(String... args) {
    String server = "embedded";
    String temporal = null;
    List<Scenario> scenarios = new ArrayList<>(List.of(Scenario.parse("closed:5")));
    scenarios.add(Scenario.parse("open:50"));
    int runs = 200;
    int rounds = 3;
    Integer warmup = null;
    int pollRuns = 5;
    List<String> variants = ALL_VARIANTS;
    boolean profile = false;
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      if (kv.length != 2 || !kv[0].startsWith("--")) {
        throw new IllegalArgumentException("options are --name=value, got " + arg);
      }
      String value = kv[1];
      switch (kv[0]) {
        case "--server" -> server = value;
        case "--temporal" -> temporal = value;
        case "--scenarios" ->
            scenarios = List.of(value.split(",")).stream().map(Scenario::parse).toList();
        case "--runs" -> runs = Integer.parseInt(value);
        case "--rounds" -> rounds = Integer.parseInt(value);
        case "--warmup" -> warmup = Integer.parseInt(value);
        case "--poll-runs" -> pollRuns = Integer.parseInt(value);
        case "--variants" -> variants = List.of(value.split(","));
        case "--profile" -> profile = parseBoolean("--profile", value);
        default -> throw new IllegalArgumentException("unknown option " + kv[0]);
      }
    }
    if (!server.equals("embedded") && !server.equals("temporal-cli")) {
      throw new IllegalArgumentException("--server must be embedded or temporal-cli");
    }
    if (variants.isEmpty() || !ALL_VARIANTS.containsAll(variants)) {
      throw new IllegalArgumentException("--variants must name some of " + ALL_VARIANTS);
    }
    boolean embedded = temporal == null && server.equals("embedded");
    return new BenchmarkOptions(
        server,
        temporal,
        scenarios,
        runs,
        rounds,
        warmup != null ? warmup : embedded ? 1000 : 200,
        pollRuns,
        variants,
        profile);
  }

  private static boolean parseBoolean(String option, String value) {
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException(option + " must be true or false, got " + value);
    }
    return Boolean.parseBoolean(value);
  }

  /** Where the runs go, for the output. */
  String serverName() {
    return temporal != null
        ? "Temporal at " + temporal
        : server.equals("embedded") ? "embedded test server (dev)" : "Temporal CLI dev server";
  }
}
