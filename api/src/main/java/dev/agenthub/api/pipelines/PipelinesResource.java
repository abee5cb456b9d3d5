package dev.agenthub.api.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agenthub.api.errors.ApiException;
import dev.agenthub.api.runs.RunLinks;
import dev.agenthub.api.runs.RunService;
import dev.agenthub.api.runs.RunStarted;
import dev.agenthub.api.runs.RunWaits;
import dev.agenthub.api.runs.RunsConfiguration;
import dev.agenthub.api.runs.StartRunRequest;
import dev.agenthub.dsl.InputValidator;
import dev.agenthub.dsl.PipelineCatalog;
import dev.agenthub.dsl.PipelineDefinition;
import dev.agenthub.dsl.ValidationError;
import dev.agenthub.run.RunIds;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Pipeline definitions, and starting runs of them. */
@Path("/api/v1/pipelines")
@Produces(MediaType.APPLICATION_JSON)
public final class PipelinesResource {

  /** Longest accepted {@code Idempotency-Key}. */
  static final int MAX_IDEMPOTENCY_KEY_LENGTH = 200;

  private final PipelineCatalog catalog;
  private final RunService runs;
  private final RunLinks links;
  private final long maxInputBytes;
  private final RunWaits waits;

  /** A resource accepting inputs up to the default {@code runs.maxInputBytes}. */
  public PipelinesResource(PipelineCatalog catalog, RunService runs, RunLinks links) {
    this(catalog, runs, links, new RunsConfiguration().getMaxInputBytes().toBytes());
  }

  /** A resource refusing a start whose input is over {@code maxInputBytes} as compact JSON. */
  public PipelinesResource(
      PipelineCatalog catalog, RunService runs, RunLinks links, long maxInputBytes) {
    this.catalog = catalog;
    this.runs = runs;
    this.links = links;
    this.maxInputBytes = maxInputBytes;
    this.waits = new RunWaits(runs, links);
  }

  @GET
  @RolesAllowed("viewer")
  public PipelineList list() {
    List<PipelineView> valid = catalog.valid().stream().map(PipelineView::of).toList();
    List<PipelineList.InvalidPipeline> invalid =
        catalog.invalid().entrySet().stream()
            .map(e -> new PipelineList.InvalidPipeline(e.getKey(), messages(e.getValue())))
            .toList();
    return new PipelineList(valid, invalid);
  }

  @GET
  @Path("{name}")
  @RolesAllowed("viewer")
  public PipelineView get(@PathParam("name") String name) {
    return PipelineView.of(pipeline(name));
  }

  @POST
  @Path("{name}/runs")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("operator")
  public void start(
      @PathParam("name") String name,
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      @QueryParam("wait") String wait,
      StartRunRequest request,
      @Suspended AsyncResponse response) {
    Duration waited = RunWaits.parse(wait);
    PipelineDefinition pipeline = pipeline(name);
    StartRunRequest body = request == null ? new StartRunRequest(null, null, null) : request;
    if (body.workflowId() != null
        && !RunIds.VALID_WORKFLOW_ID.matcher(body.workflowId()).matches()) {
      throw ApiException.badRequest(
          "invalid_workflow_id", "workflowId must match " + RunIds.VALID_WORKFLOW_ID.pattern());
    }
    if (idempotencyKey != null
        && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH)) {
      throw ApiException.badRequest(
          "invalid_idempotency_key",
          "Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
    }
    JsonNode given = body.input() == null ? JsonNodeFactory.instance.objectNode() : body.input();
    if (!given.isObject()) {
      throw ApiException.badRequest("invalid_input", "input must be a JSON object");
    }
    checkSize(given);
    InputValidator validator = catalog.inputValidator(name);
    // The run (and its stored input) sees the schema's defaults, checked like given values.
    JsonNode input = validator.withDefaults(given);
    List<ValidationError> errors = validator.validate(input);
    if (!errors.isEmpty()) {
      throw ApiException.badRequest(
          "invalid_input",
          "input does not match the schema of pipeline " + name,
          Map.of(
              "errors",
              errors.stream().map(e -> Map.of("path", e.path(), "message", e.message())).toList()));
    }
    RunStarted started =
        runs.start(pipeline, input, body.workflowId(), body.budgetUsd(), idempotencyKey);
    RunStarted view =
        started.withLinks(links.of(started.workflowId(), started.runId(), started.traceId()));
    if (waited != null) {
      waits.resume(response, started.workflowId(), waited);
    } else if (!started.created()) {
      response.resume(Response.ok(view).build());
    } else {
      response.resume(Response.created(URI.create(view.links().self())).entity(view).build());
    }
  }

  /**
   * Refuses an input over {@code runs.maxInputBytes} before Temporal does: its start payload (the
   * input beside the definition snapshot) must stay under Temporal's 2 MiB blob limit.
   */
  private void checkSize(JsonNode input) {
    long size = input.toString().getBytes(StandardCharsets.UTF_8).length;
    if (size > maxInputBytes) {
      throw new ApiException(
          413,
          "input_too_large",
          "input is " + size + " bytes as JSON; the limit is " + maxInputBytes,
          Map.of("limitBytes", maxInputBytes, "sizeBytes", size));
    }
  }

  private PipelineDefinition pipeline(String name) {
    return catalog
        .find(name)
        .orElseThrow(
            () ->
                new ApiException(
                    404,
                    "pipeline_not_found",
                    "no valid pipeline named \"" + name + "\"",
                    invalidDetails(name)));
  }

  private Map<String, Object> invalidDetails(String name) {
    for (var entry : catalog.invalid().entrySet()) {
      String file = entry.getKey();
      if (file.equals(name + ".yml") || file.equals(name + ".yaml")) {
        return Map.of("file", file, "errors", messages(entry.getValue()));
      }
    }
    return Map.of("known", catalog.valid().stream().map(PipelineDefinition::name).toList());
  }

  private static List<String> messages(List<ValidationError> errors) {
    return errors.stream().map(ValidationError::toString).toList();
  }
}
