package dev.agenthub.devkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.api.runs.RunStarter;
import dev.agenthub.run.PipelineRunInput;
import dev.agenthub.run.PipelineRunResult;
import dev.agenthub.run.PipelineWorkflow;
import dev.agenthub.run.RunIds;
import dev.agenthub.run.RunProgress;
import dev.agenthub.telemetry.Telemetry;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.io.PrintStream;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.slf4j.LoggerFactory;

/**
 * {@code run <name-or-file> --input '<json>'}: runs one pipeline and prints its steps as they
 * settle, then the output, tokens and cost. When nothing listens on the Temporal target (and it is
 * this machine), it starts an embedded server and worker for the duration of the run.
 */
public final class RunCommand extends Command {

  private static final long POLL_MILLIS = 200;

  private final PrintStream out;

  /** A command that prints its report to {@code out}. */
  public RunCommand(PrintStream out) {
    super("run", "Runs a pipeline and prints its steps, output, tokens and cost");
    this.out = out;
  }

  @Override
  public void configure(Subparser subparser) {
    subparser
        .addArgument("pipeline")
        .help("pipeline name (from the pipelines directory) or a YAML file");
    subparser.addArgument("--input").setDefault("{}").help("run input as a JSON object");
    subparser.addArgument("--target").help("Temporal frontend host:port (default from config)");
    subparser.addArgument("--config").help("YAML configuration file (as for dev and server)");
    subparser.addArgument("--pipelines").help("directory of pipeline definitions");
    subparser
        .addArgument("--no-wait")
        .dest("noWait")
        .action(Arguments.storeTrue())
        .help("print the workflow id and return without waiting");
  }

  @Override
  public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
    PhaseTimer timer = PhaseTimer.fromEnvironment();
    timer.mark("JVM start to command");
    DevConfiguration config = RunConfiguration.load(bootstrap, namespace.getString("config"));
    timer.mark("configuration");
    // Telemetry needs nothing the next steps produce: it starts on a second thread meanwhile.
    CompletableFuture<Telemetry> telemetryStart =
        CompletableFuture.supplyAsync(
            () -> Telemetry.startLocal("agenthub-cli"),
            task -> new Thread(task, "agenthub-telemetry-start").start());
    ObjectMapper json = bootstrap.getObjectMapper();
    RunPlan plan;
    try {
      plan = RunPlan.of(namespace, config, json);
    } catch (RuntimeException e) {
      telemetryStart.thenAccept(Telemetry::close); // nothing was traced: it only stops
      throw e;
    }
    quietTemporalLogs();
    timer.mark("agents, pipeline, input");
    boolean noWait = namespace.getBoolean("noWait");
    try (Telemetry telemetry = awaitTelemetry(telemetryStart, timer);
        LocalTemporal temporal = LocalTemporal.start(config, !plan.serverListening(), telemetry)) {
      timer.mark("Temporal server, client, worker");
      RunStarter starter =
          new RunStarter(
              temporal.client(),
              config.getTemporal().taskQueue(),
              config.priceTable(),
              Clock.systemUTC(),
              plan.agents());
      String workflowId = RunIds.newWorkflowId(plan.pipeline().name());
      starter.start(
          workflowId,
          PipelineRunInput.of(plan.pipeline(), plan.input()).withPipelines(plan.children()));
      timer.mark("run started");
      RunReport report = new RunReport(out, json);
      report.header(plan.pipeline().name(), workflowId, plan.where());
      report.line("Traces and logs: " + telemetry.exportSummary());
      if (noWait) {
        report.line("Started; not waiting (--no-wait).");
        return;
      }
      follow(starter.existing(workflowId), report);
      timer.mark("run finished");
    } finally {
      timer.mark("stopped (worker, server, telemetry)");
    }
  }

  private static Telemetry awaitTelemetry(CompletableFuture<Telemetry> start, PhaseTimer timer) {
    try {
      Telemetry telemetry = start.join();
      timer.mark("telemetry");
      return telemetry;
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    if (e instanceof RunCommandException) {
      cli.getStdErr().println(e.getMessage());
    } else {
      super.onError(cli, namespace, e);
    }
  }

  /** Prints steps as they settle, then the result; throws when the run did not succeed. */
  private static void follow(PipelineWorkflow workflow, RunReport report) throws Exception {
    CompletableFuture<PipelineRunResult> result =
        WorkflowStub.fromTyped(workflow).getResultAsync(PipelineRunResult.class);
    Set<String> shown = new HashSet<>();
    report.stepsHeader();
    while (!result.isDone()) {
      RunProgress progress = queryQuietly(workflow);
      if (progress != null) {
        report.settledSteps(progress.steps(), shown);
      }
      try {
        result.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // Still running, or finished: the loop condition tells which.
      }
    }
    try {
      PipelineRunResult done = result.get();
      report.settledSteps(done.steps(), shown);
      report.output(done.output());
      report.totals(done.usage());
      report.line("Run succeeded.");
    } catch (ExecutionException e) {
      throw failure(e.getCause(), report, shown);
    }
  }

  private static RunCommandException failure(Throwable cause, RunReport report, Set<String> shown) {
    if (cause instanceof WorkflowFailedException failed
        && failed.getCause() instanceof ApplicationFailure application) {
      if (application.getDetails().getSize() > 0) {
        RunProgress progress = application.getDetails().get(RunProgress.class);
        report.settledSteps(progress.steps(), shown);
        report.totals(progress.usage());
      }
      return new RunCommandException("Run failed: " + application.getOriginalMessage());
    }
    String message = cause.getCause() == null ? cause.getMessage() : cause.getCause().getMessage();
    return new RunCommandException("Run did not succeed: " + message);
  }

  /** The SDK's INFO/WARN chatter (e.g. "worker heartbeats unsupported") would bury the report. */
  private static void quietTemporalLogs() {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.temporal"))
        .setLevel(ch.qos.logback.classic.Level.ERROR);
  }

  private static RunProgress queryQuietly(PipelineWorkflow workflow) {
    try {
      return workflow.progress();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** A failure to report as one clear message, without a stack trace. */
  static final class RunCommandException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RunCommandException(String message) {
      super(message);
    }
  }
}
