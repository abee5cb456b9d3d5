package dev.agenthub.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Drives one batch of runs of a variant. Closed loop: {@code concurrency} clients, each starting a
 * run, waiting for its end, starting the next. Open loop: starters keep {@code concurrency} runs in
 * flight; a start never waits for its own run's end, only for a free slot.
 */
final class LoadRunner {

  /** The name its client threads begin with. */
  static final String THREAD_PREFIX = "load-driver-";

  private static final int OPEN_LOOP_STARTERS = 4;

  private final AtomicInteger threadCount = new AtomicInteger();

  private final boolean openLoop;
  private final int concurrency;
  private final Supplier<Duration> serverCpu;

  /**
   * A runner at {@code concurrency}; {@code serverCpu} tells the CPU time a Temporal server in
   * another process has used so far (always zero when the server runs in this one).
   */
  LoadRunner(boolean openLoop, int concurrency, Supplier<Duration> serverCpu) {
    this.openLoop = openLoop;
    this.concurrency = concurrency;
    this.serverCpu = serverCpu;
  }

  /** Runs {@code runs} runs of {@code launcher}, recording each into {@code samples}. */
  void run(RunLauncher launcher, int runs, Samples samples) throws InterruptedException {
    AtomicInteger remaining = new AtomicInteger(runs);
    Semaphore slots = new Semaphore(concurrency);
    int threads = openLoop ? Math.min(OPEN_LOOP_STARTERS, concurrency) : concurrency;
    ExecutorService clients =
        Executors.newFixedThreadPool(
            threads, task -> new Thread(task, THREAD_PREFIX + threadCount.incrementAndGet()));
    long began = System.nanoTime();
    long cpuBefore = processCpuNanos();
    Duration serverCpuBefore = serverCpu.get();
    List<CompletableFuture<Void>> finished = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      finished.add(
          CompletableFuture.runAsync(() -> client(launcher, remaining, slots, samples), clients));
    }
    CompletableFuture.allOf(finished.toArray(CompletableFuture[]::new)).join();
    slots.acquire(concurrency); // every run in flight has ended
    samples.addBatch(
        (System.nanoTime() - began) / 1e9,
        (processCpuNanos() - cpuBefore) / 1e9,
        serverCpu.get().minus(serverCpuBefore).toNanos() / 1e9);
    clients.shutdown();
    clients.awaitTermination(10, TimeUnit.SECONDS);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private void client(
      RunLauncher launcher, AtomicInteger remaining, Semaphore slots, Samples samples) {
    while (remaining.getAndDecrement() > 0) {
      slots.acquireUninterruptibly();
      long t0 = System.nanoTime();
      CompletableFuture<Void> end;
      try {
        end = launcher.start();
      } catch (Exception e) {
        samples.failed();
        slots.release();
        System.err.println(launcher.name() + ": start failed: " + e);
        continue;
      }
      double startMs = (System.nanoTime() - t0) / 1e6;
      CompletableFuture<Void> recorded =
          end.whenComplete(
              (ok, failure) -> {
                if (failure == null) {
                  samples.add(startMs, (System.nanoTime() - t0) / 1e6);
                } else {
                  samples.failed();
                  System.err.println(launcher.name() + ": " + failure);
                }
                slots.release();
              });
      if (!openLoop) {
        recorded.exceptionally(failure -> null).join();
      }
    }
  }
}
