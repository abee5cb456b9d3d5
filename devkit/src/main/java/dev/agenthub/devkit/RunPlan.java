package dev.agenthub.devkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.devkit.RunCommand.RunCommandException;
import dev.agenthub.dsl.AgentFiles;
import dev.agenthub.dsl.InputValidator;
import dev.agenthub.dsl.PipelineCatalog;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.PipelineLoader;
import dev.agenthub.dsl.PipelineValidationException;
import dev.agenthub.dsl.ValidationError;
import dev.agenthub.temporal.TemporalSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * What {@code run} needs before it touches Temporal: the agents, the pipeline and the pipelines it
 * runs, the validated input, and whether a server already listens at the target (else an embedded
 * one starts there).
 *
 * @param where the server, in words, for the report's header
 */
record RunPlan(
    AgentCatalog agents,
    PipelineDefinition pipeline,
    Map<String, PipelineDefinition> children,
    JsonNode input,
    boolean serverListening,
    String where) {

  /**
   * Loads and checks what {@code namespace} (the command line) asks to run, with {@code config}
   * (whose Temporal target it sets, {@code --target} included).
   *
   * @throws RunCommandException when the pipeline, its input or the target will not do
   */
  static RunPlan of(Namespace namespace, DevConfiguration config, ObjectMapper json) {
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
    if (!serverListening && !isLoopback(settings.target())) {
      throw new RunCommandException("no Temporal server answers at " + settings.target());
    }
    if (!serverListening && namespace.getBoolean("noWait")) {
      throw new RunCommandException(
          "--no-wait needs a running Temporal server at "
              + settings.target()
              + " (start one with ./agenthub dev); an embedded one would stop with this command");
    }
    String where =
        serverListening
            ? "Temporal at " + settings.target()
            : "embedded Temporal server on " + settings.target() + ", in memory for this run";
    config.setTemporal(settings);
    return new RunPlan(
        agents,
        pipeline,
        resolved.catalog(pipelinesDir, agents).descendants(pipeline),
        input,
        serverListening,
        where);
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
}
