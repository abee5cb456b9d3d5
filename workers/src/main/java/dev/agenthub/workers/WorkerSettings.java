package dev.agenthub.workers;

/**
 * Worker tuning, bound from the {@code worker:} block of the YAML config.
 *
 * @param maxConcurrentActivities agent calls run at once by this process (default 100)
 * @param maxConcurrentWorkflowTasks workflow tasks run at once (default 50)
 * @param workflowCacheSize sticky workflow cache entries (default 600)
 * @param virtualThreads run workflows and activities on virtual threads when the JVM supports them
 *     (Java 21+; default true)
 * @param metricsPort port of the worker process's {@code /metrics} endpoint (default 8091; 0 turns
 *     it off). A worker embedded in the API ({@code dev}) ignores it: the admin port serves all.
 */
public record WorkerSettings(
    Integer maxConcurrentActivities,
    Integer maxConcurrentWorkflowTasks,
    Integer workflowCacheSize,
    Boolean virtualThreads,
    Integer metricsPort) {

  /** The default {@link #metricsPort()}. */
  public static final int DEFAULT_METRICS_PORT = 8091;

  public WorkerSettings {
    maxConcurrentActivities = maxConcurrentActivities == null ? 100 : maxConcurrentActivities;
    maxConcurrentWorkflowTasks =
        maxConcurrentWorkflowTasks == null ? 50 : maxConcurrentWorkflowTasks;
    workflowCacheSize = workflowCacheSize == null ? 600 : workflowCacheSize;
    virtualThreads = virtualThreads == null || virtualThreads;
    metricsPort = metricsPort == null ? DEFAULT_METRICS_PORT : metricsPort;
    if (metricsPort < 0 || metricsPort > 65535) {
      throw new IllegalArgumentException("worker.metricsPort must be 0..65535, got " + metricsPort);
    }
  }

  /** The defaults. */
  public static WorkerSettings defaults() {
    return new WorkerSettings(null, null, null, null, null);
  }
}
