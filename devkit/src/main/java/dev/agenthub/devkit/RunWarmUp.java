package dev.agenthub.devkit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agenthub.agents.AgentCatalog;
import dev.agenthub.dsl.InputValidator;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.PipelineLoader;
import dev.agenthub.dsl.expr.CelExpressions;
import okhttp3.OkHttpClient;

/**
 * Start-up of {@code run} on the second core: while the main thread builds the command line (most
 * of a second: Dropwizard's logging, Jackson mapper and Hibernate Validator factory), a background
 * thread loads and validates a small pipeline, so that the YAML reader, the pipeline validator, CEL
 * and the JSON Schema validator are loaded and initialised by the time the named pipeline is. Then
 * it does the worker's CEL warm-up ({@link CelExpressions#warmUp}, once per process) and builds an
 * HTTP client as the built-in agents do (TLS trust store and context), which the main thread would
 * otherwise do when it starts the worker. It changes nothing the command does: its pipeline and
 * client are thrown away, and a failure is ignored (the command then pays for that work itself, as
 * it would without it).
 */
final class RunWarmUp {

  /** Exercises what a pipeline file does: an input schema, templates, {@code when} and needs. */
  private static final String PIPELINE =
      """
      name: warm-up
      version: "1"
      input:
        type: object
        required: [topic]
        properties:
          topic: {type: string, minLength: 1}
          audience: {type: string, default: engineers}
        additionalProperties: false
      steps:
        - id: outline
          agent: llm
          with:
            provider: simulated
            prompt: "Outline ${{ input.topic }} for ${{ input.audience }}."
        - id: draft
          agent: llm
          needs: [outline]
          when: size(steps.outline.output.text) > 0
          with:
            prompt: "Draft from ${{ steps.outline.output.text }}"
      """;

  private RunWarmUp() {}

  /** Starts the warm-up on a daemon thread and returns at once. */
  static void startInBackground() {
    Thread thread = new Thread(RunWarmUp::warmUp, "agenthub-run-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  /** Loads and validates {@link #PIPELINE}; returns whether it loaded (tests check it does). */
  static boolean warmUp() {
    try {
      PipelineDefinition pipeline =
          PipelineLoader.parse(PIPELINE, "warm-up", AgentCatalog.builtIn());
      InputValidator validator = InputValidator.forSchema(pipeline.input());
      validator.validate(
          validator.withDefaults(JsonNodeFactory.instance.objectNode().put("topic", "warm-up")));
      CelExpressions.warmUp();
      new OkHttpClient();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
