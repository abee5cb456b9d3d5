package dev.agenthub.devkit;

import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.dsl.AgentFiles;
import dev.agenthub.dsl.PipelineCatalog;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.PipelineLoader;
import dev.agenthub.dsl.PipelineValidationException;
import dev.agenthub.dsl.ValidationError;
import dev.agenthub.dsl.YamlFiles;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;

/**
 * {@code pipelines validate FILE|DIR...} and {@code pipelines graph NAME|FILE}: pipeline authoring
 * without a server. Validation uses the server's loader and catalog, so the messages are the ones
 * the API and the {@code pipelines} health check show. {@code pipelines list} and {@code pipelines
 * show NAME} ask a running API what it has loaded.
 */
public final class PipelinesCommand extends Command {

  private static final String ACTION = "action";

  private final PrintStream out;
  private final Map<String, String> env;

  /** A command that prints its report to {@code out}, with the API's defaults from {@code env}. */
  public PipelinesCommand(PrintStream out, Map<String, String> env) {
    super("pipelines", "Lists, shows, validates and draws pipelines");
    this.out = out;
    this.env = env;
  }

  @Override
  public void configure(Subparser subparser) {
    subparser.epilog(
        "Examples: agenthub pipelines validate pipelines/; agenthub pipelines graph"
            + " research-brief; agenthub pipelines list");
    Subparsers actions = subparser.addSubparsers().dest(ACTION).metavar("list|show|validate|graph");
    Subparser list =
        actions
            .addParser("list", false)
            .help("lists the pipelines a running API serves (and the files it refused)")
            .description("Lists the pipelines a running API serves.")
            .epilog("Example: agenthub pipelines list --url http://localhost:8080");
    PrintingFlag.addHelp(list, out);
    ApiClient.addOptions(list);
    Subparser show =
        actions
            .addParser("show", false)
            .help("shows one pipeline a running API serves: settings and steps")
            .description("Shows one pipeline a running API serves.")
            .epilog("Example: agenthub pipelines show research-brief");
    show.addArgument("name").metavar("NAME").help("the pipeline's name");
    PrintingFlag.addHelp(show, out);
    ApiClient.addOptions(show);
    Subparser validate =
        actions
            .addParser("validate", false)
            .help("validates pipeline files; exits 1 if any is invalid")
            .description(
                "Validates pipeline YAML files (a directory: its *.yml and *.yaml files) as the"
                    + " server does.")
            .epilog("Example: agenthub pipelines validate pipelines/");
    PrintingFlag.addHelp(validate, out);
    validate.addArgument("paths").metavar("FILE|DIR").nargs("+").help("files or directories");
    addAgentsOption(validate);
    Subparser graph =
        actions
            .addParser("graph", false)
            .help("prints a pipeline's step graph as Mermaid or DOT")
            .description("Prints the DAG of a pipeline.")
            .epilog(
                "Example: agenthub pipelines graph research-brief --format dot | dot -Tsvg >"
                    + " research-brief.svg");
    PrintingFlag.addHelp(graph, out);
    graph
        .addArgument("pipeline")
        .metavar("NAME|FILE")
        .help("pipeline name (from the pipelines directory) or a YAML file");
    graph
        .addArgument("--format")
        .choices("mermaid", "dot")
        .setDefault("mermaid")
        .help("diagram language");
    graph
        .addArgument("--pipelines")
        .setDefault(System.getenv().getOrDefault("AGENTHUB_PIPELINES_DIR", "pipelines"))
        .help("directory of pipeline definitions (default $AGENTHUB_PIPELINES_DIR or pipelines)");
    addAgentsOption(graph);
  }

  private static void addAgentsOption(Subparser action) {
    action
        .addArgument("--agents")
        .setDefault(System.getenv().getOrDefault("AGENTHUB_AGENTS_DIR", "agents"))
        .help("directory of agent declarations (default $AGENTHUB_AGENTS_DIR or agents)");
  }

  @Override
  public void run(Bootstrap<?> bootstrap, Namespace namespace) {
    switch (namespace.getString(ACTION)) {
      case "list" -> overApi(bootstrap, namespace).list();
      case "show" -> overApi(bootstrap, namespace).show(namespace.getString("name"));
      case "validate" -> validate(namespace.getList("paths"), agents(namespace));
      case "graph" -> graph(namespace, agents(namespace));
      default -> throw new PipelinesCommandException("unknown action " + namespace.get(ACTION));
    }
  }

  /** The built-in agents and those declared in {@code --agents}, for the offline actions. */
  private static AgentCatalog agents(Namespace namespace) {
    try {
      return AgentCatalog.withDeclared(
          AgentFiles.loadDirectory(Path.of(namespace.getString("agents"))));
    } catch (AgentFiles.InvalidAgentFilesException e) {
      throw new PipelinesCommandException(e.getMessage());
    }
  }

  private PipelinesOverApi overApi(Bootstrap<?> bootstrap, Namespace namespace) {
    return new PipelinesOverApi(
        ApiClient.from(namespace, env, bootstrap.getObjectMapper()),
        out,
        bootstrap.getObjectMapper(),
        Boolean.TRUE.equals(namespace.getBoolean("json")));
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    if (e instanceof PipelinesCommandException) {
      cli.getStdErr().println(e.getMessage());
    } else {
      super.onError(cli, namespace, e);
    }
  }

  private void validate(List<Object> paths, AgentCatalog agents) {
    int files = 0;
    int invalid = 0;
    for (Object argument : paths) {
      Path path = Path.of(argument.toString());
      if (Files.isDirectory(path)) {
        // The catalog also finds what only a directory has: two files with one pipeline name.
        Map<String, List<ValidationError>> errors =
            PipelineCatalog.loadDirectory(path, agents).invalid();
        for (Path file : pipelineFiles(path)) {
          files++;
          invalid += report(file, errors.getOrDefault(file.getFileName().toString(), List.of()));
        }
      } else {
        files++;
        invalid += report(path, errorsOf(path, agents));
      }
    }
    if (invalid > 0) {
      throw new PipelinesCommandException(
          invalid
              + " of "
              + files
              + (files == 1 ? " pipeline file is" : " pipeline files are")
              + " invalid");
    }
  }

  /** Prints {@code ok file} or one line per error; 1 if the file is invalid, else 0. */
  private int report(Path file, List<ValidationError> errors) {
    if (errors.isEmpty()) {
      out.println("ok  " + file);
      return 0;
    }
    for (ValidationError error : errors) {
      out.println(file + ": " + error);
    }
    return 1;
  }

  private static List<ValidationError> errorsOf(Path file, AgentCatalog agents) {
    if (!Files.isRegularFile(file)) {
      return List.of(new ValidationError("", "no such file or directory"));
    }
    try {
      PipelineLoader.load(file, agents);
      return List.of();
    } catch (PipelineValidationException e) {
      return e.errors();
    } catch (UncheckedIOException e) {
      return List.of(new ValidationError("", "cannot read file: " + e.getCause().getMessage()));
    }
  }

  /** The files {@link PipelineCatalog#loadDirectory} reads, in the same order. */
  private static List<Path> pipelineFiles(Path dir) {
    try {
      return YamlFiles.in(dir);
    } catch (IOException e) {
      throw new PipelinesCommandException("cannot list " + dir + ": " + e.getMessage());
    }
  }

  private void graph(Namespace namespace, AgentCatalog agents) {
    PipelineDefinition pipeline =
        resolve(namespace.getString("pipeline"), Path.of(namespace.getString("pipelines")), agents);
    out.print(
        PipelineGraph.render(pipeline, PipelineGraph.Format.parse(namespace.getString("format"))));
  }

  private static PipelineDefinition resolve(String nameOrFile, Path dir, AgentCatalog agents) {
    Path file = Path.of(nameOrFile);
    if (!Files.isRegularFile(file)) {
      if (!Files.isDirectory(dir)) {
        throw new PipelinesCommandException(
            "no file " + nameOrFile + ", and no pipelines directory " + dir);
      }
      PipelineCatalog catalog = PipelineCatalog.loadDirectory(dir, agents);
      if (catalog.find(nameOrFile).isPresent()) {
        return catalog.find(nameOrFile).get();
      }
      file = dir.resolve(nameOrFile + ".yml");
      if (!Files.isRegularFile(file)) {
        throw new PipelinesCommandException(
            "no pipeline named "
                + nameOrFile
                + " in "
                + dir
                + " (known: "
                + String.join(", ", catalog.valid().stream().map(PipelineDefinition::name).toList())
                + ")");
      }
    }
    try {
      return PipelineLoader.load(file, agents);
    } catch (PipelineValidationException e) {
      throw new PipelinesCommandException(
          "pipeline "
              + nameOrFile
              + " is invalid:\n  "
              + String.join("\n  ", e.errors().stream().map(ValidationError::toString).toList()));
    } catch (UncheckedIOException e) {
      throw new PipelinesCommandException("cannot read " + file + ": " + e.getCause().getMessage());
    }
  }

  /** A failure to report as one clear message, without a stack trace. */
  static final class PipelinesCommandException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PipelinesCommandException(String message) {
      super(message);
    }
  }
}
