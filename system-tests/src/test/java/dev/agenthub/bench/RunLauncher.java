package dev.agenthub.bench;

import java.util.concurrent.CompletableFuture;

/** Starts one run of a variant and tells when it has finished. */
interface RunLauncher {

  /** The variant's name in the output. */
  String name();

  /**
   * Starts one run; returns once the start is acknowledged, with a future that completes when the
   * run has succeeded (exceptionally when it did not).
   */
  CompletableFuture<Void> start() throws Exception;
}
