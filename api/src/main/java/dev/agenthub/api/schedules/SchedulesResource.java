package dev.agenthub.api.schedules;

import dev.agenthub.api.auth.ApiPrincipal;
import dev.agenthub.api.errors.ApiException;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;

/**
 * {@code /api/v1/schedules}: the schedules of the loaded pipeline definitions; list (viewer),
 * pause, unpause and trigger now (operator). 501 {@code schedules_unsupported} on a server without
 * schedules.
 */
@Path("/api/v1/schedules")
@Produces(MediaType.APPLICATION_JSON)
public final class SchedulesResource {

  /** What a schedule id looks like: {@code agenthub.<pipeline>.<schedule>}. */
  static final Pattern SCHEDULE_ID =
      Pattern.compile("agenthub\\.[a-z0-9][a-z0-9-]{0,62}\\.[a-z0-9][a-z0-9-]{0,62}");

  private final Schedules schedules;

  public SchedulesResource(Schedules schedules) {
    this.schedules = schedules;
  }

  @GET
  @RolesAllowed("viewer")
  public ScheduleView.Page list() {
    return new ScheduleView.Page(schedules.list());
  }

  @POST
  @Path("{id}/pause")
  @RolesAllowed("operator")
  public ScheduleView pause(@PathParam("id") String id, @Auth ApiPrincipal caller) {
    return schedules.pause(checked(id), caller.name());
  }

  @POST
  @Path("{id}/unpause")
  @RolesAllowed("operator")
  public ScheduleView unpause(@PathParam("id") String id, @Auth ApiPrincipal caller) {
    return schedules.unpause(checked(id), caller.name());
  }

  /** 202: the server starts the run shortly (subject to the schedule's overlap policy). */
  @POST
  @Path("{id}/trigger")
  @RolesAllowed("operator")
  public Response trigger(@PathParam("id") String id) {
    return Response.accepted(schedules.trigger(checked(id))).build();
  }

  private static String checked(String id) {
    if (!SCHEDULE_ID.matcher(id).matches()) {
      throw ApiException.badRequest(
          "invalid_schedule_id", "schedule ids match " + SCHEDULE_ID.pattern());
    }
    return id;
  }
}
