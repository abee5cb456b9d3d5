package dev.agenthub.workers;

import dev.agenthub.shared.telemetry.Telemetry;
import dev.agenthub.shared.temporal.TemporalConnection;
import dev.agenthub.workers.agents.AgentActivities;
import dev.agenthub.workers.agents.AgentMetrics;
import dev.agenthub.workers.agents.BuiltInAgents;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker process: {@code WorkerMain [worker.yml]}. Polls the configured task queue for pipeline
 * workflows and agent activities until it is stopped (SIGTERM drains running tasks).
 */
public final class WorkerMain {

  private static final Logger log = LoggerFactory.getLogger(WorkerMain.class);

  private WorkerMain() {}

  public static void main(String[] args) throws Exception {
    WorkerConfiguration config =
        args.length > 0
            ? WorkerConfiguration.load(Path.of(args[0]))
            : WorkerConfiguration.defaults();
    log.info("starting worker with {}", config.temporal());
    Telemetry telemetry = Telemetry.start("agenthub-worker");
    TemporalConnection connection = TemporalConnection.open(config.temporal(), telemetry);
    PipelineWorker worker;
    try {
      worker =
          PipelineWorker.start(
              connection.client(),
              config.temporal().taskQueue(),
              config.worker(),
              new AgentActivities(
                  BuiltInAgents.create(config.agents(), telemetry.openTelemetry()),
                  AgentMetrics.of(telemetry.meterRegistry(), config.agents())),
              telemetry.workerInterceptors());
    } catch (StatusRuntimeException e) {
      log.error("cannot reach Temporal at {}: {}", config.temporal().target(), e.getStatus());
      connection.close();
      System.exit(1);
      return;
    }
    int metricsPort = config.worker().metricsPort();
    MetricsHttpServer metrics =
        metricsPort == 0 ? null : MetricsHttpServer.start(metricsPort, telemetry.meterRegistry());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("stopping worker");
                  worker.close();
                  if (metrics != null) {
                    metrics.close();
                  }
                  connection.close();
                  telemetry.close();
                  stopped.countDown();
                },
                "agenthub-worker-shutdown"));
    stopped.await();
  }
}
