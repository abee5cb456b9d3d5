package dev.agenthub.devkit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deliberately flaky endpoint for the {@code flaky-http} demo, served by {@code dev} only: the
 * first {@code failures} calls per {@code key} (default: the caller's Idempotency-Key) answer 503,
 * the next one 200. With a fixed {@code key} the count survives across runs, so a run that
 * exhausted its retries can be retried into success. A success starts the key's count over, so the
 * demo can be repeated with the same key.
 */
@Path("/dev/flaky")
@Produces(MediaType.APPLICATION_JSON)
public final class DevFlakyResource {

  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  @GET
  public Response call(
      @QueryParam("failures") int failures,
      @QueryParam("key") String key,
      @HeaderParam("Idempotency-Key") String idempotencyKey) {
    String counter = key != null ? key : idempotencyKey != null ? idempotencyKey : "";
    AtomicInteger count = calls.computeIfAbsent(counter, k -> new AtomicInteger());
    int call = count.incrementAndGet();
    if (call <= failures) {
      return Response.status(Response.Status.SERVICE_UNAVAILABLE)
          .entity(Map.of("error", "flaky by design", "call", call, "failures", failures))
          .build();
    }
    calls.remove(counter, count);
    return Response.ok(Map.of("ok", true, "call", call)).build();
  }
}
