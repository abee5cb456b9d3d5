package dev.agenthub.worker;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.dsl.AgentFiles;
import dev.agenthub.telemetry.Telemetry;
import dev.agenthub.temporal.TemporalConnection;
import dev.agenthub.temporal.TemporalHealthCheck;
import io.dropwizard.configuration.ConfigurationException;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker process: {@code WorkerMain [worker.yml]}. Polls the configured task queue for pipeline
 * workflows and agent activities until it is stopped (SIGTERM drains running tasks), and serves
 * {@code /metrics} and {@code /healthcheck} on its admin port.
 */
public final class WorkerMain {

  private static final Logger log = LoggerFactory.getLogger(WorkerMain.class);

  private WorkerMain() {}

  public static void main(String[] args) throws Exception {
    WorkerConfiguration config;
    try {
      config =
          args.length > 0
              ? WorkerConfiguration.load(Path.of(args[0]))
              : WorkerConfiguration.defaults();
    } catch (ConfigurationException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    config.logging().configure(new MetricRegistry(), "agenthub-worker");
    log.info("starting worker with {}", config.temporal());
    Telemetry telemetry = Telemetry.start("agenthub-worker");
    TemporalConnection connection =
        TemporalConnection.open(
            config.temporal(), telemetry.temporalMetricsScope(), telemetry.clientInterceptors());
    PipelineWorker worker;
    try {
      worker =
          PipelineWorker.start(
              connection.client(),
              config.temporal().taskQueue(),
              config.worker(),
              config.agents(),
              config.priceTable(),
              telemetry,
              AgentCatalog.withDeclared(AgentFiles.loadDirectory(Path.of(config.agentsDir()))));
    } catch (StatusRuntimeException e) {
      log.error("cannot reach Temporal at {}: {}", config.temporal().target(), e.getStatus());
      connection.close();
      System.exit(1);
      return;
    }
    AdminServer admin =
        config.admin().getPort() == 0
            ? null
            : AdminServer.start(
                config.admin().getPort(), telemetry.meterRegistry(), healthChecks(connection));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("stopping worker");
                  worker.close();
                  if (admin != null) {
                    admin.close();
                  }
                  connection.close();
                  telemetry.close();
                  config.logging().stop();
                  stopped.countDown();
                },
                "agenthub-worker-shutdown"));
    stopped.await();
  }

  private static HealthCheckRegistry healthChecks(TemporalConnection connection) {
    HealthCheckRegistry registry = new HealthCheckRegistry();
    registry.register(TemporalHealthCheck.NAME, new TemporalHealthCheck(connection.stubs()));
    return registry;
  }
}
