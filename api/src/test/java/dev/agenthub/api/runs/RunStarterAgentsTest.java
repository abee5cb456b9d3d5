package dev.agenthub.api.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.agents.AgentDeclaration;
import dev.agenthub.cost.PriceTable;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.PipelineLoader;
import dev.agenthub.run.PipelineRunInput;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunStarterAgentsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static AgentDeclaration declared(String name) throws Exception {
    return new AgentDeclaration(
        name, null, null, JSON.readTree("{\"type\": \"object\"}"), null, null, null, null, false);
  }

  @Test
  void withAgents_snapshotsTheDeclaredAgentsOfToolsAndOfDescendantPipelines() throws Exception {
    AgentCatalog catalog =
        AgentCatalog.withDeclared(
            List.of(declared("score-lead"), declared("enrich-lead"), declared("unused")));
    PipelineDefinition parent =
        PipelineLoader.parse(
            """
            name: parent
            steps:
              - id: ask
                agent: llm
                with: {prompt: hi}
                tools:
                  - {name: score, agent: score-lead}
                  - {name: enrich, pipeline: child}
            """,
            "parent.yml",
            catalog);
    PipelineDefinition child =
        PipelineLoader.parse(
            "name: child\nsteps:\n  - {id: e, agent: enrich-lead, with: {}}\n",
            "child.yml",
            catalog);
    RunStarter starter =
        new RunStarter(null, "pipelines", PriceTable.loadDefault(), Clock.systemUTC(), catalog);

    PipelineRunInput input =
        starter.withAgents(
            PipelineRunInput.of(parent, JSON.readTree("{}")).withPipelines(Map.of("child", child)));

    assertThat(input.agents()).containsOnlyKeys("score-lead", "enrich-lead");
  }
}
