package dev.agenthub.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the tool-calling keys of a step ({@code tools}, {@code maxTurns}, {@code toolChoice},
 * {@code parallelToolCalls}, {@code responseSchema}, {@code maxTranscriptBytes}) into an {@link
 * AgentLoopDefinition}, checking only their shape.
 */
final class AgentLoopMapper {

  /** The step keys that belong to the loop. */
  static final Set<String> STEP_FIELDS =
      Set.of(
          "tools",
          "maxTurns",
          "toolChoice",
          "parallelToolCalls",
          "responseSchema",
          "maxTranscriptBytes");

  private static final Set<String> TOOL_FIELDS =
      Set.of(
          "name",
          "description",
          "agent",
          "pipeline",
          "with",
          "arguments",
          "requireApproval",
          "retry",
          "timeout");

  private final TreeReader read;

  AgentLoopMapper(TreeReader read) {
    this.read = read;
  }

  /** The loop {@code step} declares, or {@code null} when it has none of the loop's keys. */
  AgentLoopDefinition map(JsonNode step, String path) {
    if (STEP_FIELDS.stream().noneMatch(step::has)) {
      return null;
    }
    Integer maxTurns = read.integer(step.get("maxTurns"), path + ".maxTurns");
    Integer maxBytes = read.integer(step.get("maxTranscriptBytes"), path + ".maxTranscriptBytes");
    return new AgentLoopDefinition(
        tools(step.get("tools"), path + ".tools"),
        maxTurns == null ? AgentLoopDefinition.DEFAULT_MAX_TURNS : maxTurns,
        read.string(step.get("toolChoice"), path + ".toolChoice"),
        bool(step.get("parallelToolCalls"), path + ".parallelToolCalls"),
        read.object(
            step.get("responseSchema"), path + ".responseSchema", "an object (a JSON Schema)"),
        maxBytes == null ? AgentLoopDefinition.DEFAULT_MAX_TRANSCRIPT_BYTES : maxBytes);
  }

  private List<ToolDefinition> tools(JsonNode value, String path) {
    List<ToolDefinition> tools = new ArrayList<>();
    if (TreeReader.absent(value)) {
      return tools;
    }
    if (!value.isArray()) {
      read.error(path, "expected a list of tools, got " + TreeReader.describe(value));
      return tools;
    }
    for (int i = 0; i < value.size(); i++) {
      String toolPath = DocumentPaths.index(path, i);
      JsonNode tool = read.object(value.get(i), toolPath, "a tool (an object)");
      if (tool == null) {
        tools.add(new ToolDefinition(null, null, null, null, null, null, false, null, null));
        continue;
      }
      read.rejectUnknownKeys(tool, toolPath, TOOL_FIELDS);
      Boolean approval = bool(tool.get("requireApproval"), toolPath + ".requireApproval");
      tools.add(
          new ToolDefinition(
              read.string(tool.get("name"), toolPath + ".name"),
              read.string(tool.get("description"), toolPath + ".description"),
              read.string(tool.get("agent"), toolPath + ".agent"),
              read.string(tool.get("pipeline"), toolPath + ".pipeline"),
              read.object(tool.get("with"), toolPath + ".with", "an object"),
              read.object(
                  tool.get("arguments"), toolPath + ".arguments", "an object (a JSON Schema)"),
              Boolean.TRUE.equals(approval),
              PipelineTreeMapper.retry(read, tool.get("retry"), toolPath + ".retry"),
              read.string(tool.get("timeout"), toolPath + ".timeout")));
    }
    return tools;
  }

  private Boolean bool(JsonNode value, String path) {
    if (TreeReader.absent(value)) {
      return null;
    }
    if (!value.isBoolean()) {
      read.error(path, "expected true or false, got " + TreeReader.describe(value));
      return null;
    }
    return value.booleanValue();
  }
}
