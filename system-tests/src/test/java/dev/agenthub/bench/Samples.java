package dev.agenthub.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Latencies (milliseconds) of the runs of one variant and the wall time they took. */
final class Samples {

  private final List<double[]> runs = new ArrayList<>();
  private double wallSeconds;
  private double cpuSeconds;
  private double serverCpuSeconds;
  private int failures;

  synchronized void add(double startMs, double endToEndMs) {
    runs.add(new double[] {startMs, endToEndMs});
  }

  synchronized void failed() {
    failures++;
  }

  /**
   * Adds a batch's wall time, the CPU time this whole process spent meanwhile, and that of a
   * Temporal server in another process (zero when it runs in this one).
   */
  synchronized void addBatch(double wall, double cpu, double serverCpu) {
    wallSeconds += wall;
    cpuSeconds += cpu;
    serverCpuSeconds += serverCpu;
  }

  synchronized int count() {
    return runs.size();
  }

  synchronized int failures() {
    return failures;
  }

  synchronized double runsPerSecond() {
    return wallSeconds == 0 ? 0 : runs.size() / wallSeconds;
  }

  /**
   * CPU time of the whole process (server, worker, API and this client) per run, in milliseconds:
   * steadier than throughput on a machine shared with other work.
   */
  synchronized double cpuMsPerRun() {
    return runs.isEmpty() ? 0 : cpuSeconds * 1000 / runs.size();
  }

  /**
   * CPU time per run, in milliseconds, of a Temporal server in another process (the Temporal CLI
   * dev server the benchmark started); zero when the server runs in this process.
   */
  synchronized double serverCpuMsPerRun() {
    return runs.isEmpty() ? 0 : serverCpuSeconds * 1000 / runs.size();
  }

  /** The {@code p}-th percentile (0-100) of start latency. */
  synchronized double start(double p) {
    return percentile(0, p);
  }

  /** The {@code p}-th percentile (0-100) of end-to-end latency. */
  synchronized double endToEnd(double p) {
    return percentile(1, p);
  }

  private double percentile(int column, double p) {
    if (runs.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = runs.stream().mapToDouble(r -> r[column]).toArray();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
  }
}
