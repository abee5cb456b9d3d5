package dev.agenthub.temporal;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.health.HealthCheck;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Whether Temporal's frontend answers: one cheap {@code GetSystemInfo} call with a deadline (2 s by
 * default), so a hung server fails the check instead of hanging it. Reports the server version when
 * the server gives one; on failure, only the gRPC status code and description.
 */
public final class TemporalHealthCheck extends HealthCheck {

  /** The name to register the check under. */
  public static final String NAME = "temporal";

  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(2);

  private final WorkflowServiceStubs stubs;
  private final Duration deadline;

  public TemporalHealthCheck(WorkflowServiceStubs stubs) {
    this(stubs, DEFAULT_DEADLINE);
  }

  public TemporalHealthCheck(WorkflowServiceStubs stubs, Duration deadline) {
    this.stubs = requireNonNull(stubs, "stubs");
    this.deadline = requireNonNull(deadline, "deadline");
  }

  @Override
  protected Result check() {
    try {
      GetSystemInfoResponse info =
          stubs
              .blockingStub()
              .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
              .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      String version = info.getServerVersion();
      return Result.healthy(
          version.isEmpty()
              ? "Temporal frontend answers"
              : "Temporal frontend answers (server " + version + ")");
    } catch (StatusRuntimeException e) {
      String description = e.getStatus().getDescription();
      return Result.unhealthy(
          "Temporal frontend unreachable: "
              + e.getStatus().getCode()
              + (description == null ? "" : " (" + description + ")"));
    }
  }
}
