package dev.agenthub.dsl;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.agents.AgentDeclaration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the agents a user declared: every {@code *.yml} and {@code *.yaml} file of a directory (not
 * its subdirectories), one agent per file, in file-name order. A directory that does not exist
 * declares none. Any problem in any file fails the whole load with every problem listed, each as
 * {@code file: path: message}: a pipeline using a half-read agent would fail later and less
 * clearly.
 */
public final class AgentFiles {

  /** Agent names: lowercase, digits and dashes, as they are activity types and metric labels. */
  public static final Pattern AGENT_NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "description",
          "taskQueue",
          "arguments",
          "output",
          "timeout",
          "retry",
          "heartbeatTimeout",
          "costBearing");

  private AgentFiles() {}

  /**
   * The agents declared in {@code dir}; empty when it does not exist.
   *
   * @throws InvalidAgentFilesException listing every problem of every file
   */
  public static List<AgentDeclaration> loadDirectory(Path dir) {
    requireNonNull(dir, "dir");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<AgentDeclaration> declared = new ArrayList<>();
    Map<String, String> fileOfName = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (Path file : files(dir)) {
      String fileName = file.getFileName().toString();
      List<ValidationError> errors = new ArrayList<>();
      AgentDeclaration declaration = read(file, errors);
      if (declaration != null && errors.isEmpty()) {
        String first = fileOfName.putIfAbsent(declaration.name(), fileName);
        if (first != null) {
          errors.add(
              new ValidationError(
                  "name",
                  "duplicate agent name \""
                      + declaration.name()
                      + "\" (already in "
                      + first
                      + ")"));
        } else {
          declared.add(declaration);
        }
      }
      errors.forEach(e -> problems.add(fileName + ": " + e));
    }
    if (!problems.isEmpty()) {
      throw new InvalidAgentFilesException(dir, problems);
    }
    return List.copyOf(declared);
  }

  /**
   * The declaration in {@code yaml}; problems go to {@code errors} (then the result is unusable).
   */
  static AgentDeclaration parse(String yaml, List<ValidationError> errors) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      errors.add(new ValidationError("", "not valid YAML: " + e.getOriginalMessage()));
      return null;
    }
    if (root == null || !root.isObject()) {
      errors.add(new ValidationError("", "expected a mapping with at least name and arguments"));
      return null;
    }
    TreeReader read = new TreeReader();
    read.rejectUnknownKeys(root, "", FIELDS);
    String name = read.string(root.get("name"), "name");
    JsonNode costBearing = root.get("costBearing");
    if (!TreeReader.absent(costBearing) && !costBearing.isBoolean()) {
      read.error("costBearing", "expected true or false, got " + TreeReader.describe(costBearing));
    }
    AgentDeclaration declaration =
        new AgentDeclaration(
            name == null ? "" : name,
            read.string(root.get("description"), "description"),
            read.string(root.get("taskQueue"), "taskQueue"),
            read.object(root.get("arguments"), "arguments", "an object (a JSON Schema)"),
            read.object(root.get("output"), "output", "an object (a JSON Schema)"),
            read.string(root.get("timeout"), "timeout"),
            PipelineTreeMapper.retry(read, root.get("retry"), "retry"),
            read.string(root.get("heartbeatTimeout"), "heartbeatTimeout"),
            costBearing != null && costBearing.asBoolean());
    errors.addAll(read.errors());
    check(declaration, name, errors);
    return declaration;
  }

  private static void check(AgentDeclaration agent, String name, List<ValidationError> errors) {
    if (name == null) {
      errors.add(new ValidationError("name", "required"));
    } else if (!AGENT_NAME.matcher(name).matches()) {
      errors.add(
          new ValidationError(
              "name",
              "\""
                  + name
                  + "\" is not a valid agent name (lowercase letters, digits and -, starting with"
                  + " a letter, at most 63 characters)"));
    } else if (AgentCatalog.builtIn().find(name).isPresent()) {
      errors.add(new ValidationError("name", "\"" + name + "\" is a built-in agent"));
    }
    if (agent.arguments() == null) {
      errors.add(new ValidationError("arguments", "required (a JSON Schema of the step's with)"));
    } else {
      checkSchema(agent.arguments(), "arguments", errors);
    }
    if (agent.output() != null) {
      checkSchema(agent.output(), "output", errors);
    }
    if (agent.taskQueue() != null && agent.taskQueue().isBlank()) {
      errors.add(new ValidationError("taskQueue", "must not be blank (leave it out instead)"));
    }
    checkDuration(agent.timeout(), "timeout", errors);
    checkDuration(agent.heartbeatTimeout(), "heartbeatTimeout", errors);
    RetryDefinition retry = agent.retry();
    if (retry != null) {
      if (retry.maxAttempts() != null && retry.maxAttempts() < 1) {
        errors.add(new ValidationError("retry.maxAttempts", "must be at least 1"));
      }
      checkDuration(retry.initialInterval(), "retry.initialInterval", errors);
      checkDuration(retry.maximumInterval(), "retry.maximumInterval", errors);
    }
  }

  private static void checkSchema(JsonNode schema, String path, List<ValidationError> errors) {
    for (ValidationError problem : InputValidator.schemaErrors(schema)) {
      errors.add(new ValidationError(path + pointerToPath(problem.path()), problem.message()));
    }
  }

  private static String pointerToPath(String pointer) {
    return pointer.isEmpty() ? "" : pointer.replace('/', '.');
  }

  private static void checkDuration(String text, String path, List<ValidationError> errors) {
    if (text == null) {
      return;
    }
    try {
      Durations.parse(text);
    } catch (IllegalArgumentException e) {
      errors.add(new ValidationError(path, "invalid duration \"" + text + "\""));
    }
  }

  private static AgentDeclaration read(Path file, List<ValidationError> errors) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), errors);
    } catch (IOException e) {
      errors.add(new ValidationError("", "cannot read file: " + e.getMessage()));
      return null;
    }
  }

  private static List<Path> files(Path dir) {
    try {
      return YamlFiles.in(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list agents directory " + dir, e);
    }
  }

  /** The agents directory holds files that do not declare a valid agent. */
  public static final class InvalidAgentFilesException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    InvalidAgentFilesException(Path dir, List<String> problems) {
      super("invalid agent files in " + dir + ":\n  " + String.join("\n  ", problems));
      this.problems = List.copyOf(problems);
    }

    /** One {@code file: path: message} line per problem. */
    public List<String> problems() {
      return problems;
    }
  }
}
