package dev.agenthub.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.dsl.ForEachDefinition;
import dev.agenthub.dsl.OnError;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.RetryDefinition;
import dev.agenthub.dsl.StepDefinition;
import dev.agenthub.dsl.StepType;
import java.util.List;

/** Small builders for definitions in interpreter tests. */
final class TestPipelines {

  static final ObjectMapper JSON = new ObjectMapper();

  private TestPipelines() {}

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static PipelineDefinition pipeline(StepDefinition... steps) {
    return pipeline(null, steps);
  }

  static PipelineDefinition pipeline(String output, StepDefinition... steps) {
    return new PipelineDefinition(
        "test-pipeline",
        "1",
        "",
        null,
        List.of(steps),
        null,
        null,
        output == null ? null : json(output));
  }

  static PipelineDefinition withTimeout(PipelineDefinition pipeline, String timeout) {
    return new PipelineDefinition(
        pipeline.name(),
        pipeline.version(),
        pipeline.description(),
        pipeline.input(),
        pipeline.steps(),
        pipeline.budget(),
        timeout,
        pipeline.output());
  }

  static StepDefinition agent(String id, String agent, String with, String... needs) {
    return new StepDefinition(
        id,
        StepType.AGENT,
        agent,
        with == null ? null : json(with),
        List.of(needs),
        null,
        null,
        null,
        OnError.FAIL);
  }

  static StepDefinition withRetry(StepDefinition step, int maxAttempts) {
    return new StepDefinition(
        step.id(),
        step.type(),
        step.agent(),
        step.with(),
        step.needs(),
        step.when(),
        new RetryDefinition(maxAttempts, "1s", 1.0, "1s", null),
        step.timeout(),
        step.onError());
  }

  static StepDefinition when(StepDefinition step, String condition) {
    return new StepDefinition(
        step.id(),
        step.type(),
        step.agent(),
        step.with(),
        step.needs(),
        condition,
        step.retry(),
        step.timeout(),
        step.onError());
  }

  static StepDefinition continueOnError(StepDefinition step) {
    return new StepDefinition(
        step.id(),
        step.type(),
        step.agent(),
        step.with(),
        step.needs(),
        step.when(),
        step.retry(),
        step.timeout(),
        OnError.CONTINUE);
  }

  static StepDefinition forEach(
      StepDefinition step, String items, Integer concurrency, OnError onItemError) {
    return new StepDefinition(
        step.id(),
        step.type(),
        step.agent(),
        step.with(),
        step.needs(),
        step.when(),
        step.retry(),
        step.timeout(),
        step.onError(),
        new ForEachDefinition(items, concurrency, onItemError),
        step.pipeline());
  }

  static StepDefinition child(String id, String pipeline, String with, String... needs) {
    return new StepDefinition(
        id,
        StepType.PIPELINE,
        null,
        with == null ? null : json(with),
        List.of(needs),
        null,
        null,
        null,
        OnError.FAIL,
        null,
        pipeline);
  }

  static PipelineDefinition named(String name, PipelineDefinition pipeline) {
    return new PipelineDefinition(
        name,
        pipeline.version(),
        pipeline.description(),
        pipeline.input(),
        pipeline.steps(),
        pipeline.budget(),
        pipeline.timeout(),
        pipeline.output());
  }

  static StepDefinition approval(String id, String timeout, String... needs) {
    return new StepDefinition(
        id, StepType.APPROVAL, null, null, List.of(needs), null, null, timeout, OnError.FAIL);
  }

  static StepDefinition sleep(String id, String duration, String... needs) {
    ObjectNode with = JSON.createObjectNode().put("duration", duration);
    return new StepDefinition(
        id, StepType.SLEEP, null, with, List.of(needs), null, null, null, OnError.FAIL);
  }
}
