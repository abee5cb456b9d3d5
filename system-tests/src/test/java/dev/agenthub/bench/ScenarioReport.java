package dev.agenthub.bench;

import java.io.PrintStream;
import java.util.List;

/** The figures of one scenario's variants, printed as the benchmark's tables. */
final class ScenarioReport {

  private final List<RunLauncher> variants;
  private final Samples[] samples;

  /** The report of {@code variants}, whose measurements are {@code samples} (same order). */
  ScenarioReport(List<RunLauncher> variants, Samples[] samples) {
    this.variants = variants;
    this.samples = samples;
  }

  /**
   * Throughput, latencies and CPU per run of each variant, then each one's ratios to the first;
   * {@code separateServer} when the Temporal server ran in a process of its own, whose CPU per run
   * gets a column.
   */
  void printThroughput(PrintStream out, boolean separateServer) {
    out.printf(
        "%-26s %9s %8s %8s %10s %10s %11s %14s %6s%n",
        "variant",
        "runs/s",
        "e2e p50",
        "e2e p99",
        "start p50",
        "start p99",
        "CPU ms/run",
        "server ms/run",
        "failed");
    for (int i = 0; i < variants.size(); i++) {
      Samples s = samples[i];
      out.printf(
          "%-26s %9.1f %8.0f %8.0f %10.1f %10.1f %11.1f %14s %6d%n",
          variants.get(i).name(),
          s.runsPerSecond(),
          s.endToEnd(50),
          s.endToEnd(99),
          s.start(50),
          s.start(99),
          s.cpuMsPerRun(),
          separateServer ? String.format("%.1f", s.serverCpuMsPerRun()) : "(in CPU)",
          s.failures());
    }
    for (int i = 1; i < variants.size(); i++) {
      out.printf(
          "ratio %s / %s: throughput %.2f, CPU per run %.2f, e2e p50 %+.0f ms%n",
          variants.get(i).name(),
          variants.get(0).name(),
          samples[i].runsPerSecond() / samples[0].runsPerSecond(),
          samples[0].cpuMsPerRun() / samples[i].cpuMsPerRun(),
          samples[i].endToEnd(50) - samples[0].endToEnd(50));
    }
  }

  /**
   * Each variant's CPU per run split by component: its share of the variant's execution samples
   * ({@code profiles}, same order) times the process's CPU per run (so GC and JIT time, which are
   * not sampled, are spread evenly).
   */
  void printProfiles(PrintStream out, CpuProfile[] profiles) {
    out.printf(
        "%nwhere the CPU goes, ms per run (Java execution samples while each variant ran, by the"
            + " innermost frame outside the JDK):%n");
    out.printf("%-42s", "component");
    for (RunLauncher variant : variants) {
      out.printf(" %26s", variant.name());
    }
    out.println();
    for (CpuProfile.Component component : CpuProfile.Component.values()) {
      out.printf("%-42s", component.label());
      for (int i = 0; i < variants.size(); i++) {
        out.printf(" %26.2f", profiles[i].share(component) * samples[i].cpuMsPerRun());
      }
      out.println();
    }
    out.printf("%-42s", "(samples)");
    for (CpuProfile profile : profiles) {
      out.printf(" %26d", profile.total());
    }
    out.println();
  }
}
