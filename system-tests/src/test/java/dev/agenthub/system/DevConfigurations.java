package dev.agenthub.system;

import dev.agenthub.devkit.DevConfiguration;
import dev.agenthub.temporal.TemporalSettings;
import dev.agenthub.worker.WorkerSettings;

/** Dev configurations for tests that run Temporal and a worker without the API. */
public final class DevConfigurations {

  private DevConfigurations() {}

  /** The defaults, on {@code temporal} and with {@code worker} tuning. */
  public static DevConfiguration of(TemporalSettings temporal, WorkerSettings worker) {
    DevConfiguration config = new DevConfiguration();
    config.setTemporal(temporal);
    config.setWorker(worker);
    return config;
  }
}
