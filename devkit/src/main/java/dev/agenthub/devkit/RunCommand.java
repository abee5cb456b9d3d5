package dev.agenthub.devkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.api.runs.RunStarter;
import dev.agenthub.dsl.AgentFiles;
import dev.agenthub.dsl.InputValidator;
import dev.agenthub.dsl.PipelineCatalog;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.PipelineLoader;
import dev.agenthub.dsl.PipelineValidationException;
import dev.agenthub.dsl.ValidationError;
import dev.agenthub.run.PipelineRunInput;
import dev.agenthub.run.PipelineRunResult;
import dev.agenthub.run.PipelineWorkflow;
import dev.agenthub.run.RunIds;
import dev.agenthub.run.RunProgress;
import dev.agenthub.telemetry.Telemetry;
import dev.agenthub.temporal.TemporalSettings;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
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
    AgentCatalog agents = agents(config);
    String pipelinesDir = pipelinesDir(namespace, config);
    Resolved resolved = resolvePipeline(namespace.getString("pipeline"), pipelinesDir, agents);
    PipelineDefinition pipeline = resolved.pipeline();
    InputValidator validator = InputValidator.forSchema(pipeline.input());
    JsonNode input = validator.withDefaults(parseInput(json, namespace.getString("input")));
    List<ValidationError> inputErrors = validator.validate(input);
    if (!inputErrors.isEmpty()) {
      throw new RunCommandException(
          "invalid input for pipeline "
              + pipeline.name()
              + ":\n  "
              + String.join("\n  ", inputErrors.stream().map(ValidationError::toString).toList()));
    }

    TemporalSettings settings = config.getTemporal();
    if (namespace.getString("target") != null) {
      settings = settings.withTarget(namespace.getString("target"));
    }
    boolean serverListening = isListening(settings.target());
    boolean noWait = namespace.getBoolean("noWait");
    if (!serverListening && !isLoopback(settings.target())) {
      throw new RunCommandException("no Temporal server answers at " + settings.target());
    }
    if (!serverListening && noWait) {
      throw new RunCommandException(
          "--no-wait needs a running Temporal server at "
              + settings.target()
              + " (start one with ./agenthub dev); an embedded one would stop with this command");
    }
    String where =
        serverListening
            ? "Temporal at " + settings.target()
            : "embedded Temporal server on " + settings.target() + ", in memory for this run";
    quietTemporalLogs();
    config.setTemporal(settings);
    timer.mark("agents, pipeline, input");
    try (Telemetry telemetry = awaitTelemetry(telemetryStart, timer);
        LocalTemporal temporal = LocalTemporal.start(config, !serverListening, telemetry)) {
      timer.mark("Temporal server, client, worker");
      RunStarter starter =
          new RunStarter(
              temporal.client(),
              settings.taskQueue(),
              config.priceTable(),
              Clock.systemUTC(),
              agents);
      String workflowId = RunIds.newWorkflowId(pipeline.name());
      starter.start(
          workflowId,
          PipelineRunInput.of(pipeline, input)
              .withPipelines(resolved.catalog(pipelinesDir, agents).descendants(pipeline)));
      timer.mark("run started");
      RunReport report = new RunReport(out, json);
      report.header(pipeline.name(), workflowId, where);
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

  /** The built-in agents and those declared in the configuration's agents directory. */
  private static AgentCatalog agents(DevConfiguration config) {
    try {
      return AgentCatalog.withDeclared(AgentFiles.loadDirectory(Path.of(config.getAgentsDir())));
    } catch (AgentFiles.InvalidAgentFilesException e) {
      throw new RunCommandException(e.getMessage());
    }
  }

  /**
   * The pipeline to run and, when it came from the pipelines directory, the catalog it was found in
   * (the one its {@code pipeline:} steps' definitions come from; loaded once).
   */
  private record Resolved(PipelineDefinition pipeline, PipelineCatalog directory) {

    PipelineCatalog catalog(String dir, AgentCatalog agents) {
      return directory != null ? directory : PipelineCatalog.loadDirectory(Path.of(dir), agents);
    }
  }

  private static Resolved resolvePipeline(String nameOrFile, String dir, AgentCatalog agents) {
    Path file = Path.of(nameOrFile);
    if (Files.isRegularFile(file)) {
      try {
        return new Resolved(PipelineLoader.load(file, agents), null);
      } catch (PipelineValidationException e) {
        throw invalidPipeline(nameOrFile, e.errors());
      } catch (UncheckedIOException e) {
        throw new RunCommandException(
            "cannot read " + nameOrFile + ": " + e.getCause().getMessage());
      }
    }
    PipelineCatalog catalog = PipelineCatalog.loadDirectory(Path.of(dir), agents);
    return catalog
        .find(nameOrFile)
        .map(pipeline -> new Resolved(pipeline, catalog))
        .orElseThrow(
            () -> {
              List<ValidationError> errors =
                  catalog
                      .invalid()
                      .getOrDefault(
                          nameOrFile + ".yml",
                          catalog.invalid().getOrDefault(nameOrFile + ".yaml", List.of()));
              if (!errors.isEmpty()) {
                return invalidPipeline(nameOrFile, errors);
              }
              return new RunCommandException(
                  "no pipeline named "
                      + nameOrFile
                      + " in "
                      + dir
                      + " (known: "
                      + String.join(
                          ", ", catalog.valid().stream().map(PipelineDefinition::name).toList())
                      + ")");
            });
  }

  /** The directory the pipelines named on the command line (and the ones they run) come from. */
  private static String pipelinesDir(Namespace namespace, DevConfiguration config) {
    return namespace.getString("pipelines") == null
        ? config.getPipelinesDir()
        : namespace.getString("pipelines");
  }

  private static RunCommandException invalidPipeline(String name, List<ValidationError> errors) {
    return new RunCommandException(
        "pipeline "
            + name
            + " is invalid:\n  "
            + String.join("\n  ", errors.stream().map(ValidationError::toString).toList()));
  }

  private static JsonNode parseInput(ObjectMapper json, String text) {
    try {
      JsonNode input = json.readTree(text);
      if (input == null || !input.isObject()) {
        throw new RunCommandException("--input must be a JSON object, got: " + text);
      }
      return input;
    } catch (JsonProcessingException e) {
      throw new RunCommandException("--input is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static boolean isListening(String target) {
    int colon = target.lastIndexOf(':');
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(target.substring(0, colon), DevServer.portOf(target)), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isLoopback(String target) {
    String host = target.substring(0, target.lastIndexOf(':'));
    return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
  }

  /** A failure to report as one clear message, without a stack trace. */
  static final class RunCommandException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RunCommandException(String message) {
      super(message);
    }
  }
}
