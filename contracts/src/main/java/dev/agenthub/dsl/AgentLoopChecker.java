package dev.agenthub.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.agents.AgentDeclaration;
import dev.agenthub.agents.AgentSpec;
import dev.agenthub.agents.BuiltInAgentSpecs;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks the tool-calling loop of one step: only {@code llm} steps take it; its limits; each tool's
 * name, agent or pipeline, arguments schema and {@code with} (whose templates may read {@code
 * args}, the model's arguments).
 */
final class AgentLoopChecker {

  /** Tool names as OpenAI-compatible providers accept them. */
  static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private static final Set<String> TOOL_CHOICES = Set.of("auto", "none", "required");

  private final AgentCatalog catalog;
  private final StepChecker steps;
  private final ExpressionChecker expressions;
  private final List<ValidationError> errors;

  AgentLoopChecker(
      AgentCatalog catalog,
      StepChecker steps,
      ExpressionChecker expressions,
      List<ValidationError> errors) {
    this.catalog = catalog;
    this.steps = steps;
    this.expressions = expressions;
    this.errors = errors;
  }

  void check(int i, StepDefinition step) {
    AgentLoopDefinition loop = step.loop();
    if (loop == null) {
      return;
    }
    String path = "steps[" + i + "]";
    if (step.type() != StepType.AGENT || !BuiltInAgentSpecs.LLM.name().equals(step.agent())) {
      error(path + ".tools", "only an llm step (agent: llm) takes tools and their options");
      return;
    }
    if (loop.tools().isEmpty()) {
      error(path + ".tools", "at least one tool is required");
    }
    if (loop.maxTurns() < 1 || loop.maxTurns() > AgentLoopDefinition.MAX_TURNS_LIMIT) {
      error(
          path + ".maxTurns",
          "must be from 1 to " + AgentLoopDefinition.MAX_TURNS_LIMIT + ", got " + loop.maxTurns());
    }
    if (loop.maxTranscriptBytes() < 1024
        || loop.maxTranscriptBytes() > AgentLoopDefinition.MAX_TRANSCRIPT_BYTES_LIMIT) {
      error(
          path + ".maxTranscriptBytes",
          "must be from 1024 to "
              + AgentLoopDefinition.MAX_TRANSCRIPT_BYTES_LIMIT
              + ", got "
              + loop.maxTranscriptBytes());
    }
    checkSchema(loop.responseSchema(), path + ".responseSchema");
    Map<String, Integer> names = new HashMap<>();
    for (int t = 0; t < loop.tools().size(); t++) {
      checkTool(i, step, loop.tools().get(t), DocumentPaths.index(path + ".tools", t), t, names);
    }
    String choice = loop.toolChoice();
    if (choice != null && !TOOL_CHOICES.contains(choice) && !names.containsKey(choice)) {
      error(
          path + ".toolChoice",
          "expected auto, none, required or the name of a tool, got \"" + choice + "\"");
    }
  }

  private void checkTool(
      int i,
      StepDefinition step,
      ToolDefinition tool,
      String path,
      int index,
      Map<String, Integer> names) {
    if (tool.name() == null) {
      error(path + ".name", "required");
    } else if (!TOOL_NAME.matcher(tool.name()).matches()) {
      error(
          path + ".name",
          "\""
              + tool.name()
              + "\" is not a valid tool name (letters, digits, _ and -, at most 64)");
    } else if (names.containsKey(tool.name())) {
      error(
          path + ".name",
          "duplicate tool name \""
              + tool.name()
              + "\" (first at tools["
              + names.get(tool.name())
              + "])");
    } else {
      names.put(tool.name(), index);
    }
    if (tool.agent() != null && tool.pipeline() != null) {
      error(path + ".pipeline", "not allowed with agent (give one of agent or pipeline)");
      return;
    }
    if (tool.pipeline() != null) {
      checkPipelineTool(i, step, tool, path);
      return;
    }
    if (tool.timeout() != null) {
      steps.checkDuration(tool.timeout(), path + ".timeout");
    }
    if (tool.retry() != null
        && tool.retry().maxAttempts() != null
        && tool.retry().maxAttempts() < 1) {
      error(path + ".retry.maxAttempts", "must be at least 1, got " + tool.retry().maxAttempts());
    }
    if (tool.agent() == null) {
      error(path + ".agent", "required (or pipeline)");
      return;
    }
    AgentSpec spec = catalog.find(tool.agent()).orElse(null);
    if (spec == null) {
      error(
          path + ".agent",
          "unknown agent \""
              + tool.agent()
              + "\" (known: "
              + String.join(", ", new TreeSet<>(catalog.names()))
              + ")");
      return;
    }
    AgentDeclaration declared = catalog.declaration(spec.name()).orElse(null);
    if (tool.arguments() != null) {
      checkSchema(tool.arguments(), path + ".arguments");
    } else if (tool.with() != null) {
      error(
          path + ".arguments",
          "required when the tool sets with (describe what the model passes as args)");
    } else if (declared == null && !BuiltInAgentSpecs.TRANSFORM.name().equals(spec.name())) {
      error(
          path + ".arguments",
          "required for built-in agent \""
              + spec.name()
              + "\" without with (it declares no schema)");
    }
    if (tool.with() != null) {
      checkWith(i, step, tool, spec, declared, path + ".with");
    }
  }

  /**
   * A pipeline tool: a valid pipeline name (whether it exists is checked across the catalog, by
   * {@link ChildPipelineChecks#crossCheck}); its arguments default to the pipeline's input schema.
   */
  private void checkPipelineTool(int i, StepDefinition step, ToolDefinition tool, String path) {
    if (!PipelineValidator.PIPELINE_NAME.matcher(tool.pipeline()).matches()) {
      error(path + ".pipeline", "\"" + tool.pipeline() + "\" is not a valid pipeline name");
    }
    // As for pipeline steps: the child's own steps carry their retries and timeouts.
    if (tool.retry() != null) {
      error(path + ".retry", "not allowed with pipeline (the child's steps retry)");
    }
    if (tool.timeout() != null) {
      error(path + ".timeout", "not allowed with pipeline (the child's steps time out)");
    }
    if (tool.arguments() != null) {
      checkSchema(tool.arguments(), path + ".arguments");
    } else if (tool.with() != null) {
      error(
          path + ".arguments",
          "required when the tool sets with (describe what the model passes as args)");
    }
    if (tool.with() != null) {
      expressions.checkTemplates(tool.with(), path + ".with", i, step);
    }
  }

  private void checkWith(
      int i,
      StepDefinition step,
      ToolDefinition tool,
      AgentSpec spec,
      AgentDeclaration declared,
      String path) {
    JsonNode with = tool.with();
    for (String required : new TreeSet<>(spec.requiredArguments())) {
      List<String> alternatives = Arrays.asList(required.split("\\|"));
      if (alternatives.stream().noneMatch(with::has)) {
        error(
            alternatives.size() == 1 ? DocumentPaths.key(path, required) : path,
            "agent \"" + spec.name() + "\" needs " + String.join(" or ", alternatives));
      }
    }
    boolean othersAccepted = declared != null && declared.acceptsOtherArguments();
    with.fieldNames()
        .forEachRemaining(
            key -> {
              if (!othersAccepted && !spec.accepts(key)) {
                error(
                    DocumentPaths.key(path, key),
                    "unknown argument for agent \"" + spec.name() + "\"");
              }
            });
    boolean transform = BuiltInAgentSpecs.TRANSFORM.name().equals(spec.name());
    boolean http = BuiltInAgentSpecs.HTTP.name().equals(spec.name());
    for (Map.Entry<String, JsonNode> argument : with.properties()) {
      String argumentPath = DocumentPaths.key(path, argument.getKey());
      if (transform && argument.getKey().equals("expression") && argument.getValue().isTextual()) {
        expressions.checkExpression(argument.getValue().textValue(), argumentPath, i, step);
      } else {
        boolean headers = http && argument.getKey().equals("headers");
        expressions.checkTemplates(argument.getValue(), argumentPath, i, step, headers);
      }
    }
  }

  private void checkSchema(JsonNode schema, String path) {
    if (schema == null) {
      return;
    }
    for (ValidationError problem : InputValidator.schemaErrors(schema)) {
      error(problem.path().isEmpty() ? path : path + " " + problem.path(), problem.message());
    }
    JsonNode type = schema.get("type");
    if (path.endsWith(".arguments") && type != null && !"object".equals(type.asText())) {
      error(path + ".type", "tool arguments must be an object (type: object)");
    }
  }

  private void error(String path, String message) {
    errors.add(new ValidationError(path, message));
  }
}
