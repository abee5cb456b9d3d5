package dev.agenthub.api.errors;

import dev.agenthub.api.runs.RunServiceException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Optional;

/** A test-only resource whose endpoints fail in every way the API must answer. */
@Path("/probe")
@Produces(MediaType.APPLICATION_JSON)
public class ErrorProbeResource {

  /** A request body with constraints. */
  public record Payload(@NotBlank String name, @Min(0) int count) {}

  @GET
  public Map<String, String> get() {
    return Map.of("ok", "yes");
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Payload post(@Valid @NotNull Payload payload) {
    return payload;
  }

  @GET
  @Path("api-exception")
  public String apiException() {
    throw ApiException.conflict(
        "run_exists", "a run with this idempotency key exists", Map.of("runId", "r-1"));
  }

  @GET
  @Path("run-service")
  public String runService() {
    throw new RunServiceException.RunNotRetryable("r-1", "running");
  }

  @GET
  @Path("runtime")
  public String runtime() {
    throw new IllegalStateException("db password is hunter2");
  }

  @GET
  @Path("grpc-unavailable")
  public String grpcUnavailable() {
    throw new StatusRuntimeException(Status.UNAVAILABLE.withDescription("io exception 10.0.0.7"));
  }

  @GET
  @Path("grpc-wrapped")
  public String grpcWrapped() {
    throw new RuntimeException(
        "workflow service call failed",
        new StatusRuntimeException(Status.DEADLINE_EXCEEDED.withDescription("deadline")));
  }

  @GET
  @Path("grpc-not-found")
  public String grpcNotFound() {
    throw new StatusRuntimeException(Status.NOT_FOUND.withDescription("workflow w-1 not found"));
  }

  @GET
  @Path("grpc-internal")
  public String grpcInternal() {
    throw new StatusRuntimeException(Status.INTERNAL.withDescription("secret stuff"));
  }

  @GET
  @Path("empty")
  public Optional<String> empty() {
    return Optional.empty();
  }
}
