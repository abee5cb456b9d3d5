package dev.agenthub.run;

import static dev.agenthub.run.TestPipelines.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.agents.AgentDeclaration;
import dev.agenthub.dsl.AgentLoopDefinition;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.ToolDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A loop's tools as the model sees them, without a workflow: names, descriptions, schemas. */
class LoopToolsTest {

  private static final AgentDeclaration SCORER =
      new AgentDeclaration(
          "score-lead",
          "Scores a lead.",
          null,
          json("{\"type\": \"object\", \"required\": [\"lead\"]}"),
          null,
          null,
          null,
          null,
          false);

  private static final AgentDeclaration UNDESCRIBED =
      new AgentDeclaration("tagger", " ", null, null, null, null, null, null, false);

  private static final PipelineDefinition RESEARCH =
      new PipelineDefinition(
          "research",
          "1",
          "Researches a topic.",
          json("{\"type\": \"object\", \"required\": [\"topic\"]}"),
          List.of(TestPipelines.agent("a", "echo", "{}")),
          null,
          null,
          null,
          null,
          null);

  private static final PipelineDefinition BARE =
      new PipelineDefinition(
          "bare",
          "1",
          "",
          null,
          List.of(TestPipelines.agent("a", "echo", "{}")),
          null,
          null,
          null,
          null,
          null);

  private static ToolDefinition agentTool(String name, String agent) {
    return new ToolDefinition(name, null, agent, null, null, null, false, null, null);
  }

  private static ToolDefinition pipelineTool(String name, String pipeline) {
    return new ToolDefinition(name, null, null, pipeline, null, null, false, null, null);
  }

  private static LoopTools tools(String toolChoice, JsonNode responseSchema, ToolDefinition... t) {
    return new LoopTools(
        new AgentLoopDefinition(List.of(t), 5, toolChoice, null, responseSchema, 100_000),
        AgentCatalog.withDeclared(List.of(SCORER, UNDESCRIBED)),
        Map.of("research", RESEARCH, "bare", BARE));
  }

  @Test
  void schema_ofABuiltInAgent_listsItsArguments_requiringOnlyThoseWithoutAlternatives() {
    JsonNode schema = tools(null, null).schema(agentTool("ask", "llm"));

    assertThat(schema.path("type").asText()).isEqualTo("object");
    assertThat(schema.path("properties").fieldNames())
        .toIterable()
        .containsExactly(
            "prompt",
            "messages",
            "latency",
            "max_tokens",
            "model",
            "provider",
            "system",
            "temperature");
    assertThat(schema.path("required")).isEmpty();
    assertThat(tools(null, null).schema(agentTool("fetch", "http")).path("required"))
        .isEqualTo(json("[\"url\"]"));
  }

  @Test
  void schema_isTheToolsOwn_elseTheDeclaredAgents_elseThePipelinesInput() {
    JsonNode own = json("{\"type\": \"object\", \"required\": [\"q\"]}");
    ToolDefinition withArguments =
        new ToolDefinition("ask", null, "llm", null, null, own, false, null, null);

    LoopTools tools = tools(null, null);

    assertThat(tools.schema(withArguments)).isEqualTo(own);
    assertThat(tools.schema(agentTool("score", "score-lead"))).isEqualTo(SCORER.arguments());
    assertThat(tools.schema(pipelineTool("research", "research"))).isEqualTo(RESEARCH.input());
    assertThat(tools.schema(pipelineTool("bare", "bare")))
        .isEqualTo(json("{\"type\": \"object\"}"));
    assertThat(tools.schema(pipelineTool("gone", "missing")))
        .isEqualTo(json("{\"type\": \"object\"}"));
  }

  @Test
  void openAiTools_describeEachTool_fromItsOwnText_elseItsAgentOrPipeline_elseByName() {
    ToolDefinition described =
        new ToolDefinition("ask", "Ask the model.", "llm", null, null, null, false, null, null);

    JsonNode tools =
        tools(
                null,
                null,
                described,
                agentTool("score", "score-lead"),
                agentTool("tag", "tagger"),
                agentTool("fetch", "http"),
                pipelineTool("research", "research"),
                pipelineTool("bare", "bare"),
                pipelineTool("gone", "missing"))
            .openAiTools();

    assertThat(tools).hasSize(7);
    assertThat(tools.get(0).path("type").asText()).isEqualTo("function");
    assertThat(tools.get(0).path("function").path("name").asText()).isEqualTo("ask");
    assertThat(tools.get(1).path("function").path("parameters")).isEqualTo(SCORER.arguments());
    assertThat(tools.findValuesAsText("description"))
        .containsExactly(
            "Ask the model.",
            "Scores a lead.",
            "Runs the tagger agent.",
            "Runs the http agent.",
            "Researches a topic.",
            "Runs the bare pipeline.",
            "Runs the missing pipeline.");
  }

  @Test
  void toolChoice_keepsTheKeywords_andNamesAFunctionOtherwise() {
    assertThat(tools(null, null).toolChoice()).isNull();
    assertThat(tools("auto", null).toolChoice()).isEqualTo(json("\"auto\""));
    assertThat(tools("none", null).toolChoice()).isEqualTo(json("\"none\""));
    assertThat(tools("required", null).toolChoice()).isEqualTo(json("\"required\""));
    assertThat(tools("score", null).toolChoice())
        .isEqualTo(json("{\"type\": \"function\", \"function\": {\"name\": \"score\"}}"));
  }

  @Test
  void responseFormat_wrapsTheResponseSchema_orIsNullWithoutOne() {
    JsonNode schema = json("{\"type\": \"object\"}");

    assertThat(tools(null, null).responseFormat()).isNull();
    assertThat(tools(null, schema).responseFormat())
        .isEqualTo(
            json(
                "{\"type\": \"json_schema\", \"json_schema\": {\"name\": \"answer\","
                    + " \"schema\": {\"type\": \"object\"}}}"));
  }
}
