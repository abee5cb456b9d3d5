package dev.agenthub.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agenthub.cost.Usage;
import dev.agenthub.dsl.OnError;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.StepDefinition;
import dev.agenthub.dsl.StepType;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryPlanTest {

  private static StepDefinition step(String id, String... needs) {
    return new StepDefinition(
        id,
        StepType.AGENT,
        "transform",
        null,
        Arrays.asList(needs),
        null,
        null,
        null,
        OnError.CONTINUE);
  }

  private static PipelineDefinition pipeline(StepDefinition... steps) {
    return new PipelineDefinition("p", "1", "", null, List.of(steps), null, null, null);
  }

  private static StepProgress succeeded(String id, JsonNode output, Usage usage) {
    return StepProgress.pending(id, "transform")
        .running(Instant.EPOCH)
        .succeeded(Instant.EPOCH, 1, output, usage);
  }

  private static StepProgress succeeded(String id) {
    return succeeded(id, JsonNodeFactory.instance.textNode(id), null);
  }

  @Test
  void reusableSteps_keepsOnlyStepsWhoseWholeUpstreamWasReused() {
    PipelineDefinition pipeline =
        pipeline(
            step("a"),
            step("b", "a"),
            step("c", "b"),
            step("d"),
            step("e", "d"),
            step("f", "c", "e"));
    // "a" failed (onError: continue); "b" and "c" ran after it; "d" and "e" did not depend on it.
    Map<String, StepProgress> earlier = new LinkedHashMap<>();
    for (String id : List.of("b", "c", "d", "e")) {
      earlier.put(id, succeeded(id));
    }

    assertThat(RetryPlan.reusableSteps(pipeline, earlier)).containsOnlyKeys("d", "e");
  }

  @Test
  void reusableSteps_runsAgainWhatRanAfterASkippedUpstream_evenWhenTheEarlierRunListsItsSteps() {
    PipelineDefinition pipeline = pipeline(step("gate"), step("after", "gate"), step("other"));
    // "gate" was skipped by its when; "after" saw that and succeeded; the retry may not skip it.
    Map<String, StepProgress> earlier = new LinkedHashMap<>();
    earlier.put(
        "gate",
        StepProgress.pending("gate", "transform")
            .skipped(Instant.EPOCH, 0, new StepError("ConditionFalse", "when was false")));
    earlier.put("after", succeeded("after"));
    earlier.put("other", succeeded("other"));

    assertThat(RetryPlan.reusableSteps(pipeline, earlier)).containsOnlyKeys("other");
  }

  @Test
  void reusableSteps_followsNeedsInAnyDefinitionOrder() {
    PipelineDefinition pipeline = pipeline(step("late", "early"), step("early"));
    Map<String, StepProgress> earlier =
        Map.of("late", succeeded("late"), "early", succeeded("early"));

    assertThat(RetryPlan.reusableSteps(pipeline, earlier)).containsOnlyKeys("late", "early");
  }

  @Test
  void reusableSteps_stopsCarryingOutputsPastTheLimit_andRunsTheirDependentsAgain() {
    JsonNode large = JsonNodeFactory.instance.textNode("x".repeat(600 * 1024));
    PipelineDefinition pipeline = pipeline(step("a"), step("b"), step("c", "b"));
    Map<String, StepProgress> earlier =
        Map.of(
            "a", succeeded("a", large, null),
            "b", succeeded("b", large, null),
            "c", succeeded("c"));

    assertThat(RetryPlan.reusableSteps(pipeline, earlier)).containsOnlyKeys("a");
  }

  @Test
  void spentUsd_addsTheStepsTheRunPaidFor_toWhatItCarried() {
    Usage usage = new Usage("m", 1, 1, 0.25, true);
    StepProgress paid = succeeded("a", JsonNodeFactory.instance.nullNode(), usage);
    StepProgress reused =
        succeeded("b", JsonNodeFactory.instance.nullNode(), usage).reusedFromEarlierRun();

    assertThat(RetryPlan.spentUsd(0.5, List.of(paid, reused))).isEqualTo(0.75);
    assertThat(RetryPlan.spentUsd(null, List.of(paid))).isEqualTo(0.25);
  }
}
