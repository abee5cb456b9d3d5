package dev.agenthub.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.agents.AgentDeclaration;
import dev.agenthub.agents.AgentSpec;
import dev.agenthub.dsl.AgentLoopDefinition;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.ToolDefinition;
import java.util.Map;
import java.util.TreeSet;

/**
 * A loop's tools as the model sees them (OpenAI's {@code tools}, {@code tool_choice} and {@code
 * response_format}), and the schema each call's arguments are checked against: the tool's {@code
 * arguments}, else the declared agent's, else one built from a built-in agent's argument names; for
 * a pipeline tool, else the pipeline's input schema.
 */
final class LoopTools {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final AgentLoopDefinition loop;
  private final AgentCatalog catalog;
  private final Map<String, PipelineDefinition> pipelines;

  /** {@code pipelines}: the run's snapshot of the pipelines it may run as children. */
  LoopTools(
      AgentLoopDefinition loop, AgentCatalog catalog, Map<String, PipelineDefinition> pipelines) {
    this.loop = loop;
    this.catalog = catalog;
    this.pipelines = pipelines;
  }

  /** OpenAI's {@code tools}: one function per tool. */
  ArrayNode openAiTools() {
    ArrayNode tools = JSON.arrayNode();
    for (ToolDefinition tool : loop.tools()) {
      ObjectNode function = tools.addObject().put("type", "function").putObject("function");
      function.put("name", tool.name());
      function.put("description", description(tool));
      function.set("parameters", schema(tool));
    }
    return tools;
  }

  /** OpenAI's {@code tool_choice} for the loop's {@code toolChoice}, or null. */
  JsonNode toolChoice() {
    String choice = loop.toolChoice();
    if (choice == null) {
      return null;
    }
    if (choice.equals("auto") || choice.equals("none") || choice.equals("required")) {
      return JSON.textNode(choice);
    }
    ObjectNode named = JSON.objectNode().put("type", "function");
    named.putObject("function").put("name", choice);
    return named;
  }

  /** OpenAI's {@code response_format} for the loop's {@code responseSchema}, or null. */
  JsonNode responseFormat() {
    if (loop.responseSchema() == null) {
      return null;
    }
    ObjectNode format = JSON.objectNode().put("type", "json_schema");
    format.putObject("json_schema").put("name", "answer").set("schema", loop.responseSchema());
    return format;
  }

  /** The schema the model's arguments for {@code tool} must match. */
  JsonNode schema(ToolDefinition tool) {
    if (tool.arguments() != null) {
      return tool.arguments();
    }
    if (tool.pipeline() != null) {
      PipelineDefinition child = pipelines.get(tool.pipeline());
      return child != null && child.input() != null
          ? child.input()
          : JSON.objectNode().put("type", "object");
    }
    AgentDeclaration declared = catalog.declaration(tool.agent()).orElse(null);
    if (declared != null && declared.arguments() != null) {
      return declared.arguments();
    }
    ObjectNode schema = JSON.objectNode().put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    ArrayNode required = schema.putArray("required");
    AgentSpec spec = catalog.find(tool.agent()).orElseThrow();
    new TreeSet<>(spec.requiredArguments())
        .forEach(
            name -> {
              for (String alternative : name.split("\\|")) {
                properties.putObject(alternative);
              }
              if (!name.contains("|")) {
                required.add(name);
              }
            });
    new TreeSet<>(spec.optionalArguments()).forEach(properties::putObject);
    return schema;
  }

  private String description(ToolDefinition tool) {
    if (tool.description() != null) {
      return tool.description();
    }
    if (tool.pipeline() != null) {
      PipelineDefinition child = pipelines.get(tool.pipeline());
      return child != null && child.description() != null && !child.description().isBlank()
          ? child.description()
          : "Runs the " + tool.pipeline() + " pipeline.";
    }
    return catalog
        .declaration(tool.agent())
        .map(AgentDeclaration::description)
        .filter(d -> d != null && !d.isBlank())
        .orElse("Runs the " + tool.agent() + " agent.");
  }
}
