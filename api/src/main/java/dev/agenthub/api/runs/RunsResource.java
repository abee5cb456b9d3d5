package dev.agenthub.api.runs;

import dev.agenthub.api.errors.ApiException;
import dev.agenthub.run.ApprovalDecision;
import dev.agenthub.run.RunIds;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.net.URI;
import java.time.Duration;

/** Runs: list, inspect, follow, control, retry. */
@Path("/api/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
public final class RunsResource {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RunsResource.class);

  private final RunService runs;
  private final RunLinks links;
  private final RunWaits waits;

  public RunsResource(RunService runs, RunLinks links) {
    this.runs = runs;
    this.links = links;
    this.waits = new RunWaits(runs, links);
  }

  @GET
  @RolesAllowed("viewer")
  public RunPage list(
      @QueryParam("pipeline") String pipeline,
      @QueryParam("status") String status,
      @QueryParam("pageSize") @DefaultValue("20") String pageSize,
      @QueryParam("pageToken") String pageToken) {
    RunPage page = runs.list(pipeline, status, parsePageSize(pageSize), pageToken);
    return new RunPage(
        page.runs().stream().map(r -> r.withLinks(links.of(r.workflowId(), r.runId()))).toList(),
        page.nextPageToken(),
        page.listing());
  }

  @GET
  @Path("{id}")
  @RolesAllowed("viewer")
  public void describe(
      @PathParam("id") String id,
      @QueryParam("wait") String wait,
      @Suspended AsyncResponse response) {
    Duration waited = RunWaits.parse(wait);
    if (waited != null) {
      waits.resume(response, checkedId(id), waited);
      return;
    }
    RunView run = runs.describe(checkedId(id));
    response.resume(run.withLinks(links.of(run.workflowId(), run.runId(), run.traceId())));
  }

  /**
   * The run as Server-Sent Events, from its history: resumes after {@code Last-Event-ID} and ends
   * after the run-closed event.
   */
  @GET
  @Path("{id}/events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RolesAllowed("viewer")
  public void events(
      @PathParam("id") String id,
      @HeaderParam("Last-Event-ID") String lastEventId,
      @Context SseEventSink sink,
      @Context Sse sse) {
    long after = parseLastEventId(lastEventId);
    runs.follow(checkedId(id), after, new SseRunEvents(sink, sse))
        .whenComplete(
            (done, failure) -> {
              if (failure != null) {
                log.warn("stopped following run {}: {}", id, failure.toString());
              }
              sink.close();
            });
  }

  @GET
  @Path("{id}/history")
  @RolesAllowed("viewer")
  public Response history(
      @PathParam("id") String id,
      @QueryParam("format") String format,
      @Context SecurityContext security) {
    if (format == null || format.equals("readable")) {
      RunHistory history = runs.history(checkedId(id));
      return Response.ok(history).build();
    }
    if (format.equals("temporal")) {
      // The raw history holds every payload (input, step outputs, headers) unredacted; viewers
      // keep the narrated history.
      if (security == null || !security.isUserInRole("operator")) {
        throw ApiException.forbidden(
            "operator",
            "format=temporal needs the operator role; viewers can read format=readable");
      }
      return Response.ok(runs.temporalHistory(checkedId(id)), MediaType.APPLICATION_JSON).build();
    }
    throw ApiException.badRequest("invalid_format", "format must be readable or temporal");
  }

  @POST
  @Path("{id}/cancel")
  @RolesAllowed("operator")
  public Response cancel(@PathParam("id") String id) {
    return accepted(id, runs.cancel(checkedId(id)), "cancel", null);
  }

  @POST
  @Path("{id}/terminate")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("admin")
  public Response terminate(
      @PathParam("id") String id, TerminateRequest request, @Context SecurityContext security) {
    if (request == null || request.reason() == null || request.reason().isBlank()) {
      throw ApiException.unprocessable(
          "reason_required", "terminate needs a reason: {\"reason\": \"...\"}", null);
    }
    String runId = runs.terminate(checkedId(id), request.reason(), caller(security));
    return accepted(id, runId, "terminate", null);
  }

  @POST
  @Path("{id}/steps/{step}/approve")
  @RolesAllowed("operator")
  public Response approve(
      @PathParam("id") String id,
      @PathParam("step") String step,
      DecisionRequest request,
      @Context SecurityContext security) {
    return decide(id, step, true, request, security);
  }

  @POST
  @Path("{id}/steps/{step}/reject")
  @RolesAllowed("operator")
  public Response reject(
      @PathParam("id") String id,
      @PathParam("step") String step,
      DecisionRequest request,
      @Context SecurityContext security) {
    return decide(id, step, false, request, security);
  }

  @POST
  @Path("{id}/retry")
  @RolesAllowed("operator")
  public Response retry(@PathParam("id") String id) {
    return started(runs.retry(checkedId(id)));
  }

  @POST
  @Path("{id}/rerun")
  @RolesAllowed("operator")
  public Response rerun(@PathParam("id") String id) {
    return started(runs.rerun(checkedId(id)));
  }

  private Response decide(
      String id, String step, boolean approved, DecisionRequest request, SecurityContext security) {
    String comment = request == null ? null : request.comment();
    String callId = request == null ? null : request.callId();
    String runId =
        runs.decide(
            checkedId(id), new ApprovalDecision(step, approved, comment, caller(security), callId));
    return accepted(id, runId, approved ? "approve" : "reject", step);
  }

  /** 202 with links; {@code runId} makes the Temporal UI link the history's. */
  private Response accepted(String id, String runId, String action, String step) {
    return Response.accepted(new Accepted(id, action, step, links.of(id, runId))).build();
  }

  private Response started(RunStarted run) {
    RunStarted view = run.withLinks(links.of(run.workflowId(), run.runId(), run.traceId()));
    if (!run.created()) {
      return Response.ok(view).build();
    }
    return Response.created(URI.create(view.links().self())).entity(view).build();
  }

  private static String checkedId(String id) {
    if (!RunIds.VALID_RUN_ID.matcher(id).matches()) {
      throw ApiException.badRequest(
          "invalid_workflow_id", "run ids match " + RunIds.VALID_RUN_ID.pattern());
    }
    return id;
  }

  private static long parseLastEventId(String text) {
    if (text == null || text.isBlank()) {
      return 0;
    }
    try {
      long id = Long.parseLong(text.strip());
      if (id >= 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw ApiException.badRequest(
        "invalid_last_event_id", "Last-Event-ID must be an event id this stream sent");
  }

  private static int parsePageSize(String text) {
    try {
      int size = Integer.parseInt(text);
      if (size >= 1 && size <= 100) {
        return size;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw ApiException.badRequest("invalid_page_size", "pageSize must be an integer from 1 to 100");
  }

  private static String caller(SecurityContext security) {
    return security == null || security.getUserPrincipal() == null
        ? null
        : security.getUserPrincipal().getName();
  }
}
