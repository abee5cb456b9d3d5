package dev.agenthub.api.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.dsl.PipelineDefinition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** What a start request turns into before Temporal sees it: its id, its hash, its budget. */
final class RunRequests {

  /** Hex characters of the key's hash kept in the workflow id (104 bits). */
  static final int KEY_HASH_CHARS = 26;

  /** The shape of {@link #idempotentWorkflowId}'s ids, whatever the pipeline. */
  private static final Pattern IDEMPOTENT_ID =
      Pattern.compile(".*-idem-[0-9a-f]{" + KEY_HASH_CHARS + "}");

  private RunRequests() {}

  /**
   * Refuses a caller-chosen workflow id the platform could derive itself, so a caller cannot take
   * the id of a run's future retry or of a future idempotent start. {@code null} (no id chosen)
   * passes.
   *
   * @throws RunServiceException.ReservedWorkflowId for {@code <id>.retry} or {@code
   *     <pipeline>-idem-<hash>}
   */
  static void checkCallerWorkflowId(String workflowId) {
    if (workflowId == null) {
      return;
    }
    if (workflowId.endsWith(RunDescriber.RETRY_SUFFIX)) {
      throw new RunServiceException.ReservedWorkflowId(
          workflowId, "ids ending in " + RunDescriber.RETRY_SUFFIX + " name retries");
    }
    if (IDEMPOTENT_ID.matcher(workflowId).matches()) {
      throw new RunServiceException.ReservedWorkflowId(
          workflowId, "ids ending in -idem-<hash> name runs started with an Idempotency-Key");
    }
  }

  /** The workflow id an {@code Idempotency-Key} maps to: {@code <pipeline>-idem-<hash>}. */
  static String idempotentWorkflowId(String pipeline, String idempotencyKey) {
    return pipeline
        + "-idem-"
        + sha256(pipeline + "\n" + idempotencyKey).substring(0, KEY_HASH_CHARS);
  }

  /**
   * The SHA-256 of the request's canonical JSON (object keys sorted): equal for requests that
   * differ only in key order or whitespace.
   */
  static String requestHash(JsonNode input, Double budgetUsd) {
    ObjectNode request = JsonNodeFactory.instance.objectNode();
    request.set("input", input == null ? JsonNodeFactory.instance.nullNode() : input);
    if (budgetUsd == null) {
      request.putNull("budgetUsd");
    } else {
      request.put("budgetUsd", budgetUsd);
    }
    return sha256(canonical(request).toString());
  }

  /**
   * Checks a run's budget against the pipeline's.
   *
   * @throws RunServiceException.InvalidBudget unless positive and finite
   * @throws RunServiceException.BudgetAbovePipeline when above the pipeline's {@code
   *     budget.maxCostUsd}
   */
  static void checkBudget(PipelineDefinition pipeline, Double budgetUsd) {
    if (budgetUsd == null) {
      return;
    }
    if (!(budgetUsd > 0) || budgetUsd.isInfinite()) {
      throw new RunServiceException.InvalidBudget(budgetUsd);
    }
    Double max = pipeline.budget() == null ? null : pipeline.budget().maxCostUsd();
    if (max != null && budgetUsd > max) {
      throw new RunServiceException.BudgetAbovePipeline(budgetUsd, max);
    }
  }

  private static JsonNode canonical(JsonNode node) {
    if (node.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      node.properties().forEach(field -> sorted.put(field.getKey(), canonical(field.getValue())));
      ObjectNode object = JsonNodeFactory.instance.objectNode();
      sorted.forEach(object::set);
      return object;
    }
    if (node.isArray()) {
      var array = JsonNodeFactory.instance.arrayNode();
      node.forEach(element -> array.add(canonical(element)));
      return array;
    }
    return node;
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
