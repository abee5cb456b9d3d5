package dev.agenthub.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.api.runs.RunStarter;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.PipelineLoader;
import dev.agenthub.run.PipelineRunInput;
import dev.agenthub.run.PipelineRunResult;
import io.temporal.client.WorkflowClient;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The platform without its HTTP API: the same pipeline's workflow started with the API's own {@link
 * RunStarter} and awaited with {@code getResultAsync}, as the hand-written baseline is. Set beside
 * the other two variants, it splits the platform's cost into the interpreter's (this variant
 * against the baseline) and the API's (the API variant against this one).
 */
final class PipelineSdkRuns implements RunLauncher {

  private final WorkflowClient client;
  private final RunStarter starter;
  private final PipelineDefinition pipeline;

  PipelineSdkRuns(WorkflowClient client, String taskQueue) {
    this.client = client;
    this.starter = new RunStarter(client, taskQueue);
    this.pipeline =
        PipelineLoader.parse(PipelineRuns.YAML, "bench-noop.yml", AgentCatalog.builtIn());
  }

  @Override
  public String name() {
    return "pipeline via SDK, no API";
  }

  @Override
  public CompletableFuture<Void> start() {
    String id = PipelineRuns.PIPELINE + "-sdk-" + UUID.randomUUID();
    starter.start(
        id,
        new PipelineRunInput(
            pipeline, JsonNodeFactory.instance.objectNode(), Map.of(), null, null));
    return client
        .newUntypedWorkflowStub(id)
        .getResultAsync(PipelineRunResult.class)
        .thenApply(succeeded -> null);
  }
}
