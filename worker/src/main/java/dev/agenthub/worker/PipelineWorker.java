package dev.agenthub.worker;

import dev.agenthub.agents.Agent;
import dev.agenthub.agents.AgentActivities;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.agents.AgentMetrics;
import dev.agenthub.agents.AgentPlugins;
import dev.agenthub.agents.AgentsConfiguration;
import dev.agenthub.agents.BuiltInAgents;
import dev.agenthub.alerts.AlertNotificationWorkflowImpl;
import dev.agenthub.cost.PriceTable;
import dev.agenthub.cost.Usage;
import dev.agenthub.dsl.expr.CelExpressions;
import dev.agenthub.run.PipelineWorkflow;
import dev.agenthub.run.PipelineWorkflowImpl;
import dev.agenthub.run.ReportedUsage;
import dev.agenthub.telemetry.Telemetry;
import io.temporal.activity.DynamicActivity;
import io.temporal.client.WorkflowClient;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Temporal worker that executes pipeline workflows, alert notifications and agents on one
 * task queue. Close it before the client's stubs and before any embedded server.
 */
public final class PipelineWorker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PipelineWorker.class);

  private final WorkerFactory factory;

  private PipelineWorker(WorkerFactory factory) {
    this.factory = factory;
  }

  /**
   * The most time between two heartbeats the SDK sends for a running agent (it defaults to 80 % of
   * the heartbeat timeout). A cancellation reaches the worker in a heartbeat's answer, so this
   * bounds how long a cancelled step keeps its remote call open.
   */
  static final Duration HEARTBEAT_THROTTLE = Duration.ofSeconds(2);

  /**
   * Starts polling {@code taskQueue} with the built-in agents configured by {@code agents}, priced
   * with {@code prices}, reporting to {@code telemetry}.
   */
  public static PipelineWorker start(
      WorkflowClient client,
      String taskQueue,
      WorkerSettings settings,
      AgentsConfiguration agents,
      PriceTable prices,
      Telemetry telemetry) {
    return start(client, taskQueue, settings, agents, prices, telemetry, AgentCatalog.builtIn());
  }

  /**
   * Starts polling {@code taskQueue} with the built-in agents and the java agents on the class path
   * (see {@link AgentPlugins}), checked against the declarations in {@code declared}.
   */
  public static PipelineWorker start(
      WorkflowClient client,
      String taskQueue,
      WorkerSettings settings,
      AgentsConfiguration agents,
      PriceTable prices,
      Telemetry telemetry,
      AgentCatalog declared) {
    List<Agent> javaAgents = AgentPlugins.load(PipelineWorker.class.getClassLoader());
    AgentPlugins.checkDeclared(javaAgents, declared);
    AgentMetrics metrics = AgentMetrics.of(telemetry.meterRegistry(), agents, prices);
    return start(
        client,
        taskQueue,
        settings,
        new AgentActivities(
            BuiltInAgents.create(agents, prices, Clock.systemUTC(), telemetry.openTelemetry())
                .plus(javaAgents),
            metrics,
            telemetry.openTelemetry(),
            agents.getMaxOutputBytes()),
        telemetry.workerInterceptors(),
        new ReportedUsage() {
          @Override
          public void record(String pipeline, String agent, Usage usage) {
            metrics.reported(pipeline, agent, usage);
          }

          @Override
          public void agentLoopEnded(String pipeline, String step, int turns) {
            metrics.agentLoopEnded(pipeline, step, turns);
          }
        });
  }

  /**
   * Starts polling {@code taskQueue}.
   *
   * @param agents the agents, dispatched by activity type (= agent name)
   */
  public static PipelineWorker start(
      WorkflowClient client,
      String taskQueue,
      WorkerSettings settings,
      DynamicActivity agents,
      List<WorkerInterceptor> interceptors) {
    return start(client, taskQueue, settings, agents, interceptors, ReportedUsage.NONE);
  }

  /**
   * Starts polling {@code taskQueue}.
   *
   * @param agents the agents, dispatched by activity type (= agent name)
   * @param reportedUsage where runs report the usage of agents in other workers
   */
  public static PipelineWorker start(
      WorkflowClient client,
      String taskQueue,
      WorkerSettings settings,
      DynamicActivity agents,
      List<WorkerInterceptor> interceptors,
      ReportedUsage reportedUsage) {
    ActivityFailureLog.install();
    // Loading CEL takes seconds; pay it here rather than inside the first workflow task.
    CelExpressions.warmUp();
    boolean virtual = useVirtualThreads(settings);
    WorkerFactory factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setWorkflowCacheSize(settings.workflowCacheSize())
                .setUsingVirtualWorkflowThreads(virtual)
                .setWorkerInterceptors(interceptors.toArray(WorkerInterceptor[]::new))
                .build());
    Worker worker =
        factory.newWorker(
            taskQueue,
            WorkerOptions.newBuilder()
                .setMaxConcurrentActivityExecutionSize(settings.maxConcurrentActivities())
                .setMaxConcurrentWorkflowTaskExecutionSize(settings.maxConcurrentWorkflowTasks())
                .setUsingVirtualThreadsOnActivityWorker(virtual)
                .setUsingVirtualThreadsOnWorkflowWorker(virtual)
                .setMaxHeartbeatThrottleInterval(HEARTBEAT_THROTTLE)
                .build());
    worker.registerWorkflowImplementationTypes(AlertNotificationWorkflowImpl.class);
    worker.registerWorkflowImplementationFactory(
        PipelineWorkflow.class, () -> new PipelineWorkflowImpl(reportedUsage));
    worker.registerActivitiesImplementations(agents);
    factory.start();
    log.info(
        "worker polling task queue {} in namespace {}",
        taskQueue,
        client.getOptions().getNamespace());
    return new PipelineWorker(factory);
  }

  /** Stops polling and waits up to 10 s for running tasks. Idempotent. */
  @Override
  public void close() {
    if (factory.isShutdown()) {
      return;
    }
    factory.shutdown();
    factory.awaitTermination(10, TimeUnit.SECONDS);
  }

  /**
   * Stops polling and interrupts running tasks, without waiting for them to end; idempotent. For a
   * process that ends right after, with the Temporal server it ran on (the dev kit's {@code run}):
   * nothing a task could still finish would outlive it, and {@link #close} waits in the SDK's 250
   * ms steps.
   */
  public void closeNow() {
    if (!factory.isShutdown()) {
      factory.shutdownNow();
    }
  }

  private static boolean useVirtualThreads(WorkerSettings settings) {
    int feature = Runtime.version().feature();
    if (!settings.virtualThreads()) {
      log.info("virtual threads disabled by configuration (worker.virtualThreads: false)");
      return false;
    }
    if (feature < 21) {
      log.info(
          "virtual threads off: this JVM is Java {}, they need Java 21+; using platform threads",
          feature);
      return false;
    }
    return true;
  }
}
