package dev.agenthub.worker;

/**
 * Worker tuning, bound from the {@code worker:} block of the YAML config.
 *
 * @param maxConcurrentActivities agent calls run at once by this process (default 100)
 * @param maxConcurrentWorkflowTasks workflow tasks run at once (default 50)
 * @param workflowCacheSize sticky workflow cache entries (default 600)
 * @param virtualThreads run workflows and activities on virtual threads when the JVM supports them
 *     (Java 21+; default true)
 */
public record WorkerSettings(
    Integer maxConcurrentActivities,
    Integer maxConcurrentWorkflowTasks,
    Integer workflowCacheSize,
    Boolean virtualThreads) {

  public WorkerSettings {
    maxConcurrentActivities = maxConcurrentActivities == null ? 100 : maxConcurrentActivities;
    maxConcurrentWorkflowTasks =
        maxConcurrentWorkflowTasks == null ? 50 : maxConcurrentWorkflowTasks;
    workflowCacheSize = workflowCacheSize == null ? 600 : workflowCacheSize;
    virtualThreads = virtualThreads == null || virtualThreads;
  }

  /** The defaults. */
  public static WorkerSettings defaults() {
    return new WorkerSettings(null, null, null, null);
  }
}
