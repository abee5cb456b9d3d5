package dev.agenthub.api.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.api.auth.ApiKeyAuthenticator;
import dev.agenthub.api.auth.ApiPrincipal;
import dev.agenthub.api.auth.AuthConfiguration;
import dev.agenthub.api.auth.Role;
import dev.agenthub.api.errors.ApiException;
import dev.agenthub.api.runs.RunLinks;
import dev.agenthub.api.runs.RunService;
import dev.agenthub.dsl.EventTrigger;
import dev.agenthub.dsl.PipelineCatalog;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/events/{type}}: starts the pipelines the event triggers (see {@link
 * EventDispatcher}). The caller is an operator API key ({@code Authorization: Bearer}), or a
 * configured source signing the body ({@code X-Hub-Signature-256}). The event's id comes from
 * {@code X-Event-Id}, else GitHub's {@code X-GitHub-Delivery}, else the body's {@code id}.
 */
@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
public final class EventsResource {

  /** Event ids: printable, 1 to 200 characters. */
  static final Pattern EVENT_ID = Pattern.compile("[\\x21-\\x7e]{1,200}");

  private static final String BEARER = "Bearer ";

  private final EventDispatcher dispatcher;
  private final EventSignatures signatures;
  private final ApiKeyAuthenticator keys;
  private final ObjectMapper json;
  private final long maxInputBytes;

  /**
   * @param maxInputBytes the largest event accepted ({@code runs.maxInputBytes}, as for the input
   *     of an API start)
   */
  public EventsResource(
      PipelineCatalog catalog,
      RunService runs,
      RunLinks links,
      AuthConfiguration auth,
      EventsConfiguration events,
      ObjectMapper json,
      long maxInputBytes) {
    this.dispatcher = new EventDispatcher(catalog, runs, links);
    this.signatures = new EventSignatures(events);
    this.keys = new ApiKeyAuthenticator(auth);
    this.json = json;
    this.maxInputBytes = maxInputBytes;
  }

  @POST
  @Path("{type}")
  @Consumes(MediaType.APPLICATION_JSON)
  public EventAccepted post(
      @PathParam("type") String type,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(EventSignatures.HEADER) String signature,
      @HeaderParam("X-Event-Id") String eventIdHeader,
      @HeaderParam("X-GitHub-Delivery") String deliveryHeader,
      byte[] body) {
    byte[] bytes = body == null ? new byte[0] : body;
    authenticate(type, authorization, signature, bytes);
    if (!EventTrigger.TYPE.matcher(type).matches()) {
      throw ApiException.badRequest(
          "invalid_event_type", "event types match " + EventTrigger.TYPE.pattern());
    }
    if (bytes.length > maxInputBytes) {
      throw new ApiException(
          413,
          "input_too_large",
          "the event is " + bytes.length + " bytes; the limit is " + maxInputBytes,
          Map.of("limitBytes", maxInputBytes, "sizeBytes", bytes.length));
    }
    JsonNode event = parse(bytes);
    String eventId = eventId(eventIdHeader, deliveryHeader, event);
    return dispatcher.dispatch(type, eventId, event);
  }

  /** Admits an operator key, or a signature of a source that may post {@code type}. */
  private void authenticate(String type, String authorization, String signature, byte[] body) {
    if (authorization != null) {
      Optional<ApiPrincipal> caller =
          authorization.startsWith(BEARER)
              ? keys.authenticate(authorization.substring(BEARER.length()).strip())
              : Optional.empty();
      if (caller.isEmpty()) {
        throw new ApiException(401, "unauthorized", "missing or invalid API key", null);
      }
      if (!caller.get().role().includes(Role.OPERATOR)) {
        throw ApiException.forbidden("operator", "posting events needs role operator or higher");
      }
      return;
    }
    if (signatures.source(type, body, signature).isEmpty()) {
      throw new ApiException(
          401,
          "unauthorized",
          "an event needs an operator API key or a valid "
              + EventSignatures.HEADER
              + " signature of a source that may post "
              + type,
          null);
    }
  }

  private JsonNode parse(byte[] body) {
    JsonNode event;
    try {
      event = json.readTree(body);
    } catch (IOException e) {
      throw ApiException.badRequest("invalid_json", "the event is not valid JSON");
    }
    if (event == null || !event.isObject()) {
      throw ApiException.badRequest("invalid_event", "the event must be a JSON object");
    }
    return event;
  }

  private static String eventId(String header, String delivery, JsonNode event) {
    checkEventId(header);
    checkEventId(delivery);
    String id = header != null ? header : delivery;
    if (id == null) {
      JsonNode field = event.get("id");
      if (field != null && (field.isTextual() || field.isIntegralNumber())) {
        id = field.asText();
        checkEventId(id);
      }
    }
    if (id == null) {
      throw ApiException.badRequest(
          "event_id_required",
          "an event needs an id: the X-Event-Id header, GitHub's X-GitHub-Delivery, or an id"
              + " field",
          Map.of());
    }
    return id;
  }

  /** Refuses an id (given in any of the places) that is not 1 to 200 printable characters. */
  private static void checkEventId(String id) {
    if (id != null && !EVENT_ID.matcher(id).matches()) {
      throw ApiException.badRequest(
          "invalid_event_id", "event ids are 1 to 200 printable ASCII characters");
    }
  }
}
